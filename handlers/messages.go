package handlers

// The words of this package, in one place so that an Indonesian speaker
// can review them without reading code; each room keeps its own in its
// own messages.go. Texts are HTML: values filled in with %s must be escaped
// by the caller.

// The router's answers: to what it does not understand, to /batal and to
// other commands around a flow, to a role that may not, to a user over the
// flood budget, and the one hint in a group. Refusing an admin's command is kit.MsgOnlyAdmin, which a
// room says too.
const (
	msgUnknownText    = "Maaf, saya belum mengerti pesan itu. Ketik /bantuan untuk melihat perintah yang tersedia."
	msgUnknownCommand = "Perintah itu tidak dikenal. Ketik /bantuan untuk melihat perintah yang tersedia."
	msgNoFlow         = "Tidak ada pengisian yang sedang berjalan."
	msgFlowStopped    = "Pengisian %s dihentikan dan tidak disimpan."
	msgFlowExpired    = "Pengisian %s sebelumnya sudah berakhir karena lama tidak dijawab. Silakan mulai lagi dengan %s."
	msgOnlyCoord      = "Maaf, perintah ini hanya untuk koordinator Dinas Sosial."
	msgOnlyCoordBtn   = "Maaf, tombol ini hanya untuk koordinator."
	msgOnlyAdmBtn     = "Maaf, tombol ini hanya untuk admin."
	msgTooMany        = "Mohon tunggu sebentar, pesan Bapak/Ibu terlalu banyak."
	msgGroupHint      = "Halo! Demi menjaga data pribadi, PilarBot hanya melayani lewat chat pribadi. Silakan buka %s lalu tekan <b>Mulai</b>."
)

// /start and /bantuan.
const (
	msgStartIntro = "Selamat datang di <b>PilarBot</b>, layanan Dinas Sosial Kota Pasuruan untuk pilar-pilar sosial (PSM, Tagana, TKSK, Pendamping PKH, Karang Taruna, Karang Werda, dan LKSA).\n\n" +
		"Lewat bot ini Bapak/Ibu dapat mendaftar, melihat profil, dan nantinya melaporkan kegiatan serta melihat jadwal acara."
	msgStartRegister = "Untuk mulai, silakan daftar dengan mengetik /daftar."
	msgStartPending  = "Pendaftaran Bapak/Ibu sedang <b>menunggu verifikasi</b> koordinator Dinsos. Kami akan mengabari di sini."
	msgStartVerified = "Halo, %s! Data Bapak/Ibu sudah terverifikasi. Ketik /bantuan untuk melihat menu."
	msgStartRejected = "Pendaftaran Bapak/Ibu sebelumnya belum disetujui. Ketik /profil untuk melihat alasannya, lalu /daftar untuk memperbaiki data."
	msgStartCoord    = "Bapak/Ibu terdaftar sebagai <b>%s</b>. Ada %s pendaftar yang menunggu verifikasi: ketik /verifikasi."

	msgHelpTitle      = "<b>Perintah yang tersedia</b>"
	msgHelpCoordTitle = "<b>Khusus koordinator</b>"
	msgHelpFooter     = "Ketik /batal kapan saja untuk membatalkan pengisian."
)

// Command descriptions for /bantuan and the Telegram command menu.
const (
	cmdStart   = "Mulai dan petunjuk singkat"
	cmdBantuan = "Daftar perintah"
	cmdBatal   = "Batalkan pengisian yang sedang berjalan"
)

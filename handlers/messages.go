package handlers

// The words of this package, in one place so that an Indonesian speaker
// can review them without reading code; each room keeps its own in its
// own messages.go. Texts are HTML: values filled in with %s must be escaped
// by the caller.

// The router's answers: to what it does not understand, to /batal and to
// other commands around a flow, to a role that may not, and the one hint
// in a group. Refusing an admin's command is kit.MsgOnlyAdmin, which a
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
	cmdStart      = "Mulai dan petunjuk singkat"
	cmdDaftar     = "Daftar sebagai pilar sosial atau ubah data"
	cmdProfil     = "Lihat data diri dan status"
	cmdBantuan    = "Daftar perintah"
	cmdBatal      = "Batalkan pengisian yang sedang berjalan"
	cmdVerifikasi = "Verifikasi pendaftar baru"
)

// Registration (/daftar, /profil).
const (
	flowDaftarTitle   = "pendaftaran"
	summaryDaftar     = "Periksa data pendaftaran"
	summaryUbahProfil = "Periksa data profil"

	askNama       = "Siapa <b>nama lengkap</b> Bapak/Ibu sesuai KTP?\n\nContoh: Siti Aminah"
	askPilar      = "Apa <b>jenis pilar sosial</b> Bapak/Ibu? Silakan pilih pada tombol."
	askKecamatan  = "Di <b>kecamatan</b> mana Bapak/Ibu bertugas? Silakan pilih pada tombol."
	askKelurahan  = "Di <b>kelurahan</b> mana Bapak/Ibu bertugas? (Kecamatan %s)"
	askHP         = "Berapa <b>nomor HP</b> Bapak/Ibu?\n\nTekan tombol <b>Bagikan nomor</b> di bawah, atau ketik nomornya. Contoh: 0812-3456-7890"
	askNIK        = "Ketik <b>NIK</b> Bapak/Ibu (16 angka pada KTP).\n\nNIK disimpan dengan aman dan tidak akan ditampilkan utuh."
	btnSharePhone = "📱 Bagikan nomor"

	labelNama      = "Nama lengkap"
	labelPilar     = "Jenis pilar"
	labelKecamatan = "Kecamatan"
	labelKelurahan = "Kelurahan"
	labelHP        = "Nomor HP"
	labelNIK       = "NIK"
	labelStatus    = "Status"
	labelReason    = "Alasan"
	labelSince     = "Terdaftar sejak"

	errContactNotOwn   = "Mohon bagikan nomor HP Bapak/Ibu sendiri dengan tombol Bagikan nomor, atau ketik nomornya."
	errPhoneInput      = "Mohon tekan tombol Bagikan nomor atau ketik nomor HP. Contoh: 0812-3456-7890."
	errTooYoung        = "Usia pada NIK belum %d tahun. Pilar sosial harus berusia minimal %d tahun."
	errNIKTaken        = "NIK ini sudah terdaftar pada akun Telegram lain. Periksa kembali NIK dengan tombol Ubah, atau hubungi Dinas Sosial bila ada kekeliruan."
	msgDaftarDone      = "Terima kasih, <b>%s</b>. Pendaftaran sebagai %s sudah kami terima dan sedang <b>menunggu verifikasi</b> koordinator Dinas Sosial. Kami akan mengabari Bapak/Ibu di sini."
	msgProfilUpdated   = "Data profil Bapak/Ibu sudah diperbarui."
	msgProfilReverify  = "Data profil sudah diperbarui dan <b>menunggu verifikasi</b> koordinator Dinas Sosial, karena nama, NIK, atau jenis pilar berubah, atau pendaftaran sebelumnya belum disetujui. Kami akan mengabari Bapak/Ibu di sini."
	msgAlreadyRegister = "Bapak/Ibu sudah terdaftar sebagai <b>%s</b> (status: %s). Ingin mengubah data?"
	btnEditProfile     = "✏️ Ubah data"
	btnNoThanks        = "Tidak"
	msgNoChange        = "Baik, data tidak diubah."
	msgProfilTitle     = "<b>Profil Bapak/Ibu</b>"
	msgNewRegistrant   = "🆕 Pendaftar baru: <b>%s</b> (%s, %s). Saat ini %s pendaftar menunggu verifikasi. Ketik /verifikasi untuk memeriksa."
)

// Verification (/verifikasi).
const (
	flowTolakTitle     = "alasan penolakan"
	msgNoPending       = "Tidak ada pendaftaran yang menunggu verifikasi. 👍"
	msgVerifyTitle     = "<b>Verifikasi pendaftar</b> (%s menunggu)"
	msgVerifyDone      = "<b>Verifikasi pendaftar</b>"
	labelNIKInfo       = "Dari NIK"
	labelGenderMale    = "laki-laki"
	labelGenderFemale  = "perempuan"
	labelAge           = "%d tahun"
	btnApprove         = "✅ Setujui"
	btnReject          = "❌ Tolak"
	msgApprovedBy      = "✅ Disetujui oleh %s."
	msgRejectedBy      = "❌ Ditolak oleh %s. Alasan: %s"
	msgAlreadyDecided  = "Pendaftar ini sudah diputuskan sebelumnya."
	msgCardChanged     = "Data pendaftar ini sudah diubah. Silakan periksa data terbarunya."
	msgVolunteerGone   = "Data pendaftar ini tidak ditemukan."
	askRejectReason    = "Tulis <b>alasan penolakan</b> untuk %s. Alasan ini akan dikirim kepada pendaftar.\n\nContoh: Alamat KTP bukan di Kota Pasuruan."
	msgRejectDone      = "Penolakan tersimpan dan alasannya sudah dikirim kepada pendaftar. Ketik /verifikasi untuk pendaftar berikutnya."
	msgYouApproved     = "🎉 Selamat, pendaftaran Bapak/Ibu sebagai <b>%s</b> sudah <b>disetujui</b> Dinas Sosial Kota Pasuruan. Ketik /bantuan untuk melihat menu."
	msgYouRejected     = "Mohon maaf, pendaftaran Bapak/Ibu <b>belum dapat disetujui</b>.\n\nAlasan: %s\n\nBapak/Ibu dapat memperbaiki data dengan mengetik /daftar."
	answerApproved     = "Disetujui."
	answerRejectReason = "Silakan tulis alasannya."
)

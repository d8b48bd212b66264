package handlers

// The words of /koordinator, /hapusdata, /ubahprofil and the reports part
// of /cari, in one place so that an Indonesian speaker can review them.
// Texts are HTML: values filled in with %s must be escaped by the caller.

// Command descriptions for /bantuan and the Telegram command menu.
const (
	cmdUbahProfil  = "Ubah nomor HP, kelurahan, atau data lain"
	cmdHapusData   = "Hapus data pribadi saya"
	cmdKoordinator = "Atur koordinator (khusus admin)"
)

// The router's refusal of admin commands and buttons to coordinators.
const (
	msgOnlyAdmin  = "Maaf, perintah ini hanya untuk admin Dinas Sosial."
	msgOnlyAdmBtn = "Maaf, tombol ini hanya untuk admin."
)

// /koordinator.
const (
	flowKoordinatorTitle = "penambahan koordinator"
	msgKoordTitle        = "👥 <b>Koordinator Dinas Sosial</b>"
	msgKoordNone         = "Belum ada koordinator selain admin."
	msgKoordLine         = "%d. %s (ID %d), sejak %s"
	msgKoordAdmins       = "Admin (dari pengaturan, tidak dapat dihapus lewat bot): %s"
	btnKoordAdd          = "➕ Tambah koordinator"
	btnKoordRemove       = "🗑 Hapus %s"
	askKoordinator       = "Teruskan (<i>forward</i>) satu pesan dari calon koordinator ke sini, atau ketik <b>ID Telegram</b>-nya (angka).\n\nContoh: 123456789"
	errKoordHidden       = "Pesan ini diteruskan dari akun yang menyembunyikan identitasnya (%s), jadi ID Telegram-nya tidak terlihat. Mohon minta yang bersangkutan mengirim ID Telegram-nya (misalnya lewat @userinfobot), lalu ketik ID tersebut di sini."
	errKoordInput        = "Mohon teruskan pesan dari calon koordinator, atau ketik ID Telegram berupa angka. Contoh: 123456789"
	errKoordBot          = "Pesan itu dari bot. Mohon teruskan pesan dari orangnya langsung."
	msgKoordIsAdmin      = "%s sudah admin (dari pengaturan) dan otomatis juga koordinator."
	msgKoordAdded        = "✅ %s sekarang <b>koordinator</b>. Menu koordinator sudah dipasang di chat-nya."
	msgKoordAddedNoChat  = "✅ %s sekarang <b>koordinator</b>. Menu koordinator akan muncul setelah yang bersangkutan membuka bot ini."
	msgKoordAlready      = "%s sudah menjadi koordinator."
	msgYouAreKoord       = "Bapak/Ibu sekarang ditunjuk sebagai <b>koordinator</b> PilarBot Dinas Sosial Kota Pasuruan. Ketik /bantuan untuk melihat menu koordinator."
	msgKoordRemoveAsk    = "Hapus <b>%s</b> dari daftar koordinator? Ia tidak akan bisa lagi memakai menu koordinator."
	msgKoordRemoved      = "%s sudah dihapus dari daftar koordinator."
	msgKoordNotFound     = "ID %d tidak ada dalam daftar koordinator."
	msgKoordAdminFixed   = "Admin dari pengaturan tidak dapat dihapus lewat bot. Hubungi pengelola server bila perlu diubah."
	msgKoordKept         = "Baik, koordinator tidak dihapus."
	msgKoordUsage        = "Contoh: <code>/koordinator tambah 123456789</code> atau <code>/koordinator hapus 123456789</code>."
	msgYouNoLongerKoord  = "Bapak/Ibu tidak lagi menjadi koordinator PilarBot. Terima kasih atas bantuannya."
	btnYesRemove         = "Ya, hapus"
	btnCancelRemove      = "Batal"
	koordNoName          = "ID %d"
)

// /hapusdata.
const (
	msgHapusAsk = "🗑 <b>Hapus data pribadi</b>\n\n" +
		"Jika Bapak/Ibu setuju, data berikut akan <b>dihapus permanen</b>: nama, nomor HP, NIK, username Telegram, titik lokasi, foto dan uraian laporan, jarak saat check-in acara, jawaban untuk acara yang belum berlangsung, dan isian yang sedang berjalan.\n\n" +
		"Yang <b>tetap disimpan</b> tanpa nama (tidak dapat dikaitkan lagi dengan Bapak/Ibu): jenis pilar, kelurahan, tanggal pendaftaran, laporan kegiatan (jenis, tanggal, kelurahan, jumlah warga yang dibantu), dan kehadiran acara, sebagai angka statistik Dinas Sosial.\n\n" +
		"Setelah dihapus, Bapak/Ibu tidak lagi terdaftar. Bila ingin bergabung lagi, silakan /daftar dari awal.\n\nLanjutkan?"
	btnHapusYes  = "Ya, hapus data saya"
	btnHapusNo   = "Tidak"
	msgHapusDone = "✅ Data pribadi Bapak/Ibu sudah <b>dihapus</b>: nama, nomor HP, NIK, username, titik lokasi, serta foto dan uraian laporan.\n\n" +
		"Yang tetap disimpan hanya jenis pilar, kelurahan, tanggal, laporan kegiatan, dan kehadiran acara tanpa nama, karena Dinas Sosial wajib mencatat jumlah kegiatan dan warga yang dibantu (UU 27/2022 membolehkan data statistik yang tidak lagi menunjuk orang).\n\n" +
		"Terima kasih atas pengabdian Bapak/Ibu. Bila ingin bergabung lagi, ketik /daftar."
	msgHapusKept = "Baik, data Bapak/Ibu tidak dihapus."
)

package volunteers

// The words volunteers and coordinators read about registration,
// verification and erasure, in one place so that an Indonesian speaker can
// review them without reading code. Texts are HTML: values filled in with
// %s must be escaped by the caller.

// Command descriptions for /bantuan and the Telegram command menu.
const (
	CmdDaftar     = "Daftar sebagai pilar sosial atau ubah data"
	CmdProfil     = "Lihat data diri dan status"
	CmdUbahProfil = "Ubah nomor HP, kelurahan, atau data lain"
	CmdHapusData  = "Hapus data pribadi saya"
	CmdVerifikasi = "Verifikasi pendaftar baru"
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
	msgProfileGone     = "Data Bapak/Ibu sudah tidak tersimpan, mungkin karena sudah dihapus. Silakan ketik /daftar untuk mendaftar lagi."
	msgProfilTitle     = "<b>Profil Bapak/Ibu</b>"
	msgNewRegistrant   = "🆕 Pendaftar baru: <b>%s</b> (%s, %s). Saat ini %s pendaftar menunggu verifikasi. Ketik /verifikasi untuk memeriksa."
)

// Verification (/verifikasi).
const (
	flowTolakTitle     = "alasan penolakan"
	msgNoPending       = "Tidak ada pendaftaran yang menunggu verifikasi. 👍"
	msgNoPendingButOwn = "Tidak ada pendaftaran lain yang menunggu verifikasi. Pendaftaran Bapak/Ibu sendiri akan diverifikasi oleh koordinator lain."
	msgOwnRegistration = "Maaf, pendaftaran Bapak/Ibu sendiri diverifikasi oleh koordinator lain."
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
	labelRegistrant    = "pendaftar ini"
	askRejectReason    = "Tulis <b>alasan penolakan</b> untuk %s. Alasan ini akan dikirim kepada pendaftar.\n\nContoh: Alamat KTP bukan di Kota Pasuruan."
	msgRejectDone      = "Penolakan tersimpan dan alasannya sudah dikirim kepada pendaftar. Ketik /verifikasi untuk pendaftar berikutnya."
	msgYouApproved     = "🎉 Selamat, pendaftaran Bapak/Ibu sebagai <b>%s</b> sudah <b>disetujui</b> Dinas Sosial Kota Pasuruan. Ketik /bantuan untuk melihat menu."
	msgYouRejected     = "Mohon maaf, pendaftaran Bapak/Ibu <b>belum dapat disetujui</b>.\n\nAlasan: %s\n\nBapak/Ibu dapat memperbaiki data dengan mengetik /daftar."
	answerApproved     = "Disetujui."
	answerRejectReason = "Silakan tulis alasannya."
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

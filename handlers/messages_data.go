package handlers

// The words of /hapusdata and /ubahprofil, in one place so that an Indonesian speaker can review them.
// Texts are HTML: values filled in with %s must be escaped by the caller.

// Command descriptions for /bantuan and the Telegram command menu.
const (
	cmdUbahProfil = "Ubah nomor HP, kelurahan, atau data lain"
	cmdHapusData  = "Hapus data pribadi saya"
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

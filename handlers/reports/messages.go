package reports

// The words of activity reports (/lapor, /riwayat, /laporan, the review by
// coordinators and the reports under a volunteer in /cari), in one place so
// that an Indonesian speaker can review them without reading code. Texts
// are HTML: values filled in with %s must be escaped by the caller.

// Command descriptions, for /bantuan and the Telegram menu.
const (
	CmdLapor   = "Laporkan kegiatan (dengan foto dan lokasi)"
	CmdRiwayat = "Lihat laporan yang sudah dikirim"
	CmdLaporan = "Lihat laporan menurut nomornya"
	CmdTinjau  = "Tinjau laporan yang menunggu"
)

// Who may report.
const (
	msgLaporNotRegistered = "Untuk melapor, Bapak/Ibu perlu terdaftar dahulu. Ketik /daftar untuk mendaftar."
	msgLaporPending       = "Pendaftaran Bapak/Ibu masih <b>menunggu verifikasi</b> koordinator Dinsos. Setelah disetujui, Bapak/Ibu dapat melapor di sini."
	msgLaporRejected      = "Pendaftaran Bapak/Ibu belum disetujui, jadi belum dapat melapor. Ketik /profil untuk melihat alasannya, lalu /daftar untuk memperbaiki data."
)

// The /lapor flow.
const (
	flowLaporTitle = "laporan kegiatan"
	summaryLapor   = "Periksa laporan kegiatan"
	btnKirim       = "✅ Kirim"

	askJenis     = "Apa <b>jenis kegiatan</b> yang Bapak/Ibu laporkan? Silakan pilih pada tombol."
	askTanggal   = "Kapan <b>tanggal</b> kegiatannya? Tekan <b>Hari ini</b> atau <b>Kemarin</b>, atau ketik tanggalnya.\n\nContoh: 20-12-2023"
	askLokasiOwn = "Di <b>kelurahan</b> mana kegiatannya? Tekan tombol <b>%s</b>, atau ketik nama kelurahan lain.\n\nContoh: Trajeng"
	askLokasi    = "Di <b>kelurahan</b> mana kegiatannya? Ketik nama kelurahannya.\n\nContoh: Trajeng"
	askTitik     = "Kirim <b>titik lokasi</b> kegiatan dengan tombol <b>Kirim lokasi</b> (GPS HP harus menyala), atau tekan <b>Lewati</b>."
	askBencana   = "Apa <b>jenis bencananya</b>? Silakan pilih pada tombol."
	askKorban    = "Berapa jumlah <b>korban</b> (orang)? Ketik 0 bila tidak ada.\n\nContoh: 3"
	askPengungsi = "Berapa jumlah <b>pengungsi</b> (orang)? Ketik 0 bila tidak ada.\n\nContoh: 25"
	askKebutuhan = "Apa <b>kebutuhan mendesak</b> di lokasi? Ketik - bila tidak ada.\n\nContoh: Makanan siap saji, selimut, air bersih"
	askPMKS      = "Apa <b>kategori PMKS</b> penerima manfaat? Silakan pilih pada tombol."
	askPenerima  = "Berapa jumlah <b>penerima manfaat</b> (orang)?\n\nContoh: 4"
	askUraian    = "Ceritakan singkat <b>apa yang dilakukan</b> (10 sampai 2.000 huruf).\n\nContoh: Mengunjungi Ibu Sulastri, lansia yang tinggal sendiri, dan mengantar paket sembako."
	askFoto      = "Kirim <b>foto kegiatan</b> (paling banyak 5). Bila sudah, atau tidak ada foto, tekan <b>Selesai</b>."
	askFotoMore  = "📷 Foto diterima (%d dari 5). Kirim foto lain, atau tekan <b>Selesai</b>."
	askFotoAlbum = "📷 Foto-foto diterima. Kirim foto lain, atau tekan <b>Selesai</b>. Jumlah fotonya tampil di ringkasan."
	askFotoFull  = "📷 Sudah 5 foto. Tekan <b>Selesai</b> untuk melanjutkan."

	btnHariIni     = "Hari ini"
	btnKemarin     = "Kemarin"
	btnKirimLokasi = "📍 Kirim lokasi"
	btnLewati      = "Lewati"
	btnSelesai     = "Selesai"
	btnHapusFoto   = "Hapus semua foto"

	labelJenis     = "Jenis kegiatan"
	labelTanggal   = "Tanggal"
	labelLokasi    = "Kelurahan"
	labelTitik     = "Titik lokasi"
	labelBencana   = "Jenis bencana"
	labelKorban    = "Korban"
	labelPengungsi = "Pengungsi"
	labelKebutuhan = "Kebutuhan"
	labelPMKS      = "Kategori PMKS"
	labelPenerima  = "Penerima manfaat"
	labelUraian    = "Uraian"
	labelFoto      = "Foto"
	labelPelapor   = "Pelapor"

	showNoPinReport = "tidak dikirim"
	showPhotos      = "%d foto"
	showPersons     = "%s orang"
	showNoPhotos    = "tidak ada"
	showPinCoords   = "%.5f, %.5f"

	errJenisChoice   = "Jenis kegiatan tidak ada dalam pilihan. Silakan pilih pada tombol."
	errBencanaChoice = "Jenis bencana tidak ada dalam pilihan. Silakan pilih pada tombol, misalnya Banjir."
	errPMKSChoice    = "Kategori PMKS tidak ada dalam pilihan. Silakan pilih pada tombol, atau pilih Lainnya."
	errDateFuture    = "Tanggal kegiatan tidak boleh setelah hari ini. Contoh: 20-12-2023."
	errDateTooOld    = "Tanggal kegiatan paling lama %d hari yang lalu. Kegiatan yang lebih lama mohon dilaporkan langsung ke Dinas Sosial."
	errPinOutside    = "Titik lokasi itu berada di luar Kota Pasuruan. Mohon kirim lokasi di tempat kegiatan, atau tekan Lewati."
	errPinInput      = "Mohon tekan tombol Kirim lokasi, atau tekan Lewati bila tidak ingin mengirim titik lokasi."
	errNumberText    = "Mohon ketik jumlahnya dengan angka. Contoh: 3."
	errFotoInput     = "Mohon kirim foto (bukan file atau stiker), atau tekan Selesai bila sudah."
	errFotoText      = "Bila semua foto sudah dikirim, tekan tombol Selesai. Untuk menambah foto, kirim fotonya."
	errFotoTooMany   = "Paling banyak 5 foto untuk satu laporan. Foto tambahan tidak disimpan. Tekan Selesai untuk melanjutkan."
	errFotoDuplicate = "Foto ini sudah dikirim sebelumnya. Kirim foto lain, atau tekan Selesai."

	msgLaporDone = "✅ Terima kasih. Laporan Bapak/Ibu sudah diterima dengan nomor <b>%s</b> dan akan ditinjau koordinator Dinas Sosial.\n\nKetik /riwayat untuk melihat laporan yang sudah dikirim."
)

// Review by coordinators.
const (
	flowCatatanTitle  = "catatan tinjauan laporan"
	msgReportNewTitle = "📝 <b>Laporan baru %s</b>"
	msgReportTitle    = "📝 <b>Laporan %s</b>"
	btnSetujui        = "✅ Setujui"
	btnPerbaikan      = "🔁 Perlu perbaikan"
	btnTolakLaporan   = "❌ Tolak"
	labelStatusLap    = "Status"
	labelDikirim      = "Dikirim"
	labelRiwayatTitle = "<b>Riwayat tinjauan</b>"
	labelReason       = "Alasan"

	msgReportReviewed   = "Laporan ini sudah ditinjau."
	msgReportGone       = "Laporan ini tidak ditemukan."
	msgOwnReport        = "Maaf, laporan Bapak/Ibu sendiri ditinjau oleh koordinator lain."
	answerReportOK      = "Laporan disetujui."
	answerReportNote    = "Silakan tulis catatannya."
	msgReportApprovedBy = "✅ Laporan <b>%s</b> disetujui."
	askCatatanFix       = "Tulis <b>catatan perbaikan</b> untuk laporan %s. Catatan ini dikirim kepada pelapor.\n\nContoh: Mohon lampirkan foto kegiatan dan jumlah penerima yang benar."
	askCatatanTolak     = "Tulis <b>alasan penolakan</b> laporan %s. Alasan ini dikirim kepada pelapor.\n\nContoh: Kegiatan ini sudah dilaporkan dengan nomor lain."
	msgCatatanDone      = "Tinjauan laporan <b>%s</b> tersimpan (%s) dan catatannya sudah dikirim kepada pelapor."
	msgYouReportOK      = "✅ Laporan <b>%s</b> sudah <b>disetujui</b> Dinas Sosial. Terima kasih atas kerja Bapak/Ibu."
	msgYouReportFix     = "🔁 Laporan <b>%s</b> <b>perlu perbaikan</b>.\n\nCatatan koordinator: %s\n\nSilakan kirim laporan yang sudah diperbaiki dengan /lapor."
	msgYouReportNo      = "Mohon maaf, laporan <b>%s</b> <b>tidak dapat diterima</b>.\n\nAlasan: %s"

	// A decided card shows one of these in place of its title.
	msgCardFix      = "🔁 Laporan <b>%s</b> perlu perbaikan.\nCatatan: %s"
	msgCardRejected = "❌ Laporan <b>%s</b> ditolak.\nAlasan: %s"

	// A decision with a note on a report whose reporter erased their data
	// meanwhile: the note went nowhere. No card shows it, since the
	// erasure scrubbed them.
	msgCardRejectedErased = "❌ Laporan <b>%s</b> ditolak. Alasannya tidak disimpan dan tidak dikirim: pelapor sudah menghapus data pribadinya."
	msgCardFixErased      = "🔁 Laporan <b>%s</b> perlu perbaikan. Catatannya tidak disimpan dan tidak dikirim: pelapor sudah menghapus data pribadinya."

	// A report decided by someone else: the answer to the press (plain),
	// and what the card or a message then says.
	msgReviewedBy     = "Laporan ini sudah ditinjau oleh %s: %s."
	msgCardReviewedBy = "Laporan <b>%s</b> sudah ditinjau oleh %s: %s."
	msgCardReviewed   = "Laporan <b>%s</b> sudah ditinjau."
	msgStillWaiting   = "Masih %s laporan menunggu tinjauan: /tinjau"

	msgLaporanUsage    = "Ketik nomor laporannya setelah perintah. Contoh: /laporan LAP-2024-000123"
	msgLaporanNotFound = "Laporan dengan nomor itu tidak ditemukan. Contoh nomor: LAP-2024-000123"
)

// The review queue (/tinjau) and what a card shows besides the report.
const (
	msgQueueTitle  = "📋 <b>Laporan %s</b> · %s laporan menunggu tinjauan"
	msgQueueScope  = "\nWilayah: %s"
	msgQueueEmpty  = "Tidak ada laporan yang menunggu tinjauan."
	msgQueueEnd    = "Tidak ada laporan lain setelah ini. Masih %s laporan menunggu tinjauan (termasuk yang dilewati): ketik /tinjau untuk mulai lagi dari yang terlama."
	btnLewatiQueue = "Lewati »"
	answerSkipped  = "Dilewati."

	msgPhotoThis   = "Foto ini"
	msgPhotoNth    = "Foto ke-%d"
	msgPhotoReused = "⚠️ %s pernah dipakai di %s."
	msgAndMore     = " dan %s laporan lain"
	msgPinFar      = "⚠️ Titik peta %s dari Kelurahan %s."

	btnRecord = "📊 Rekam jejak pelapor"
	msgRecord = "📊 <b>Rekam jejak pelapor</b> %s (dari laporan %s)\n" +
		"Dikirim bulan ini (%s): <b>%s</b> laporan\n" +
		"Seluruh laporan: <b>%s</b>\n" +
		"• Disetujui: %s\n• Perlu perbaikan: %s\n• Ditolak: %s\n• Menunggu tinjauan: %s"
)

// /riwayat.
const (
	msgRiwayatEmpty = "Bapak/Ibu belum pernah mengirim laporan. Ketik /lapor untuk melaporkan kegiatan."
	msgRiwayatTitle = "<b>Riwayat laporan</b> (halaman %d dari %d, %s laporan)"
	btnSebelumnya   = "« Sebelumnya"
	btnBerikutnya   = "Berikutnya »"
)

// The reports under a volunteer in /cari.
const (
	msgCariNoReports  = "<b>Laporan kegiatan</b>: belum ada."
	msgCariReports    = "<b>Laporan kegiatan</b>: %s laporan, %s terakhir:"
	msgCariReportLine = "• %s · %s · %s · %s"
)

// One report in /riwayat: number, date, activity, kelurahan, status; for
// a reviewed one the day of the decision and the coordinator's note.
const (
	msgRiwayatLine    = "\n\n<b>%s</b> · %s\n%s, %s\nStatus: <b>%s</b>"
	msgRiwayatDecided = " (ditinjau %s)"
	msgRiwayatNote    = "\nCatatan koordinator: <i>%s</i>"
)

// The question that links a report to a call-up (/siaga).
const (
	labelSiaga     = "Panggilan siaga"
	askSiaga       = "Apakah laporan ini untuk panggilan siaga berikut? Pilih salah satu, atau <b>Tidak terkait</b>."
	optNoSiaga     = "Tidak terkait"
	optSiagaPrefix = "Siaga "
	errSiaga       = "Silakan pilih salah satu tombol panggilan siaga, atau Tidak terkait."
)

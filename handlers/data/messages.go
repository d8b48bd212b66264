package data

// The words of /rekap, /ekspor and /cari, in one place so that an
// Indonesian speaker can review them. Texts are HTML: values filled in
// with %s must be escaped by the caller.

// Command descriptions for /bantuan and the Telegram command menu.
const (
	CmdRekap  = "Rekap bulanan untuk Dinsos"
	CmdEkspor = "Unduh data sebagai file Excel"
	CmdCari   = "Cari relawan menurut nama atau nomor HP"
)

// The month buttons of /rekap.
const (
	btnThisMonth = "Bulan ini"
	btnLastMonth = "Bulan lalu"
)

// /rekap.
const (
	msgRekapAsk      = "Rekap bulan apa? Pilih pada tombol, atau ketik misalnya <code>/rekap Desember 2023</code>."
	msgRekapTitle    = "📊 <b>Rekap %s</b>\nPilar-pilar sosial Dinas Sosial Kota Pasuruan"
	msgRekapFooter   = "Dibuat %s."
	msgRekapVolTitle = "<b>Relawan per jenis pilar</b> (terdaftar sampai akhir %s)"
	msgRekapVolLine  = "%s: <b>%s</b> (terverifikasi %s, menunggu %s, ditolak %s; baru %s)"
	msgRekapVolTotal = "<b>Jumlah: %s</b> (terverifikasi %s, menunggu %s, ditolak %s; baru %s)"
	msgRekapErased   = "Data %s relawan sudah dihapus atas permintaan sendiri (tidak dihitung di atas)."
	answerRekap      = "Rekap sedang disiapkan."
	answerRekapSent  = "Rekap bulan itu sudah dikirim."

	msgRekapRepTitle    = "<b>Laporan kegiatan</b> (tanggal kegiatan di %s)"
	msgRekapRepNone     = "Belum ada laporan kegiatan."
	msgRekapRepTotal    = "<b>Jumlah: %s laporan</b> (menunggu tinjauan %s, disetujui %s, perlu perbaikan %s, ditolak %s)"
	msgRekapRepPeople   = "Warga yang dibantu: penerima manfaat PSM <b>%s</b> orang; korban bencana <b>%s</b> dan pengungsi <b>%s</b> orang (Tagana). Laporan yang ditolak tidak dihitung."
	msgRekapRepByPilar  = "<i>Per jenis pilar</i> (tanpa laporan yang ditolak)"
	msgRekapRepByKec    = "<i>Per kecamatan</i> (tanpa laporan yang ditolak)"
	msgRekapRepLine     = "%s: <b>%s</b> laporan"
	msgRekapRepHelped   = ", penerima manfaat %s orang"
	msgRekapRepDisaster = ", korban %s, pengungsi %s orang"
	msgRekapEvTitle     = "<b>Acara</b> (mulai di %s; kehadiran = check-in dari yang menjawab Hadir)"
	msgRekapEvNone      = "Tidak ada acara."
	msgRekapEvLine      = "• %s %s: %s"
	msgRekapEvHeld      = "Hadir %s, check-in %s (%s)"
	msgRekapEvAhead     = "belum berlangsung (Hadir %s)"
	msgRekapEvCancelled = "dibatalkan"
	msgRekapEvTotal     = "<b>Jumlah: %s acara</b>, %s sudah berlangsung: Hadir %s, check-in %s (kehadiran %s)"
	msgRekapMore        = "… dan %s lainnya"
)

// /ekspor.
const (
	msgEksporAsk     = "Data apa yang ingin diunduh sebagai file Excel?"
	msgEksporChoose  = "<b>%s</b>: pilih salah satu."
	msgEksporUnknown = "Jenis data tidak dikenal. Ketik /ekspor lalu pilih pada tombol."
	msgEksporNone    = "Belum ada pilihan untuk %s."
	msgEksporCaption = "📎 %s, %s baris, per %s.%s"
	msgEksporMasked  = "\nNIK dan nomor HP disamarkan; data lengkap hanya untuk admin."
	answerEkspor     = "File sedang disiapkan."
	eksporVolLabel   = "Data relawan"
	eksporVolFile    = "relawan"
	eksporVolSheet   = "Relawan"
	colNo            = "No"
	colNama          = "Nama lengkap"
	colPilar         = "Jenis pilar"
	colKelurahanCode = "Kode kelurahan"
	colKelurahan     = "Kelurahan"
	colKecamatan     = "Kecamatan"
	colHP            = "Nomor HP"
	colNIK           = "NIK"
	colUsia          = "Usia (tahun)"
	colStatus        = "Status"
	colTerdaftar     = "Terdaftar"
	colDiverifikasi  = "Tanggal keputusan"
	colTelegram      = "Username Telegram"

	// The activity record of a year (/ekspor aktivitas), for the award
	// candidates.
	eksporActLabel  = "Aktivitas relawan (tahunan)"
	eksporActFile   = "aktivitas"
	eksporActSheet  = "Aktivitas"
	errTahun        = "Tahun tidak dikenali. Contoh: /ekspor aktivitas 2023"
	colLapDisetujui = "Laporan disetujui"
	colAcaraHadir   = "Acara: jawab Hadir"
	colAcaraAbsen   = "Acara: absen di lokasi"
	colSiagaSiap    = "Siaga: jawab Siap"
	colPertama      = "Aktivitas pertama"
	colTerakhir     = "Aktivitas terakhir"

	msgEksporGone      = "Data itu tidak ditemukan lagi. Ketik /ekspor untuk memilih kembali."
	eksporRepLabel     = "Laporan kegiatan"
	eksporRepFile      = "laporan"
	eksporRepSheet     = "Laporan"
	eksporSumSheet     = "Ringkasan" // also in the chart's cell references: no spaces
	eksporSumTitle     = "Laporan kegiatan %s per kecamatan"
	eksporSumNote      = "Kota Pasuruan. Tanpa laporan yang ditolak, seperti /rekap."
	eksporSumScope     = "Wilayah kerja: %s. Tanpa laporan yang ditolak, seperti /rekap."
	eksporSumTotal     = "Jumlah"
	colJumlahLaporan   = "Jumlah laporan"
	eksporAttLabel     = "Kehadiran acara"
	eksporAttFile      = "kehadiran"
	eksporAttSheet     = "Kehadiran"
	eksporErased       = "(data dihapus)"
	eksporHadir        = "Hadir"
	eksporTidakHadir   = "Tidak hadir"
	eksporVerified     = "Terverifikasi"
	eksporUnverified   = "Tidak terverifikasi"
	colNomorLaporan    = "Nomor laporan"
	colTanggalKegiatan = "Tanggal kegiatan"
	colDikirim         = "Dikirim"
	colNamaRelawan     = "Nama relawan"
	colJenisKegiatan   = "Jenis kegiatan"
	colLintang         = "Lintang"
	colBujur           = "Bujur"
	colKategoriPMKS    = "Kategori PMKS"
	colPenerima        = "Penerima manfaat"
	colJenisBencana    = "Jenis bencana"
	colKorban          = "Korban"
	colPengungsi       = "Pengungsi"
	colKebutuhan       = "Kebutuhan"
	colUraian          = "Uraian"
	colJumlahFoto      = "Jumlah foto"
	colPeninjau        = "Peninjau"
	colAcara           = "Acara"
	colMulaiAcara      = "Mulai acara"
	colJawaban         = "Jawaban"
	colCheckIn         = "Check-in"
	colLokasiCheckIn   = "Lokasi check-in"
	colJarak           = "Jarak dari lokasi acara (m)"
	eksporReviewerID   = "ID %d" // a reviewer who never told the bot a name
)

// /cari.
const (
	msgCariHow       = "Ketik nama atau nomor HP lengkap setelah perintahnya. Contoh: <code>/cari Siti</code> atau <code>/cari 0812 3456 7890</code>."
	msgCariShort     = "Kata pencarian terlalu pendek. Ketik minimal 3 huruf nama, atau nomor HP lengkap. Contoh: <code>/cari Siti</code>."
	msgCariPhoneFull = "Untuk mencari dengan nomor HP, ketik <b>nomor HP lengkap</b> (10 sampai 13 angka). Contoh: <code>/cari 0812 3456 7890</code>. Sebagian nomor saja tidak dapat dicari, agar nomor yang disamarkan tetap terlindungi."
	msgCariNone      = "Tidak ada relawan yang cocok dengan <b>%s</b>."
	msgCariMany      = "Ditemukan %s relawan untuk <b>%s</b>%s. Pilih untuk melihat profilnya:"
	msgCariMore      = " (ditampilkan %s pertama; perjelas pencarian bila perlu)"
	msgCariTitle     = "👤 <b>Profil relawan</b>"
	labelTelegramID  = "Akun Telegram"
	labelUnreach     = "Catatan"
	msgUnreachable   = "tidak dapat dihubungi (memblokir bot)"
	labelStatus      = "Status"
	labelReason      = "Alasan"
	msgVolunteerGone = "Data pendaftar ini tidak ditemukan."
)

// msgScopeLine names a scoped coordinator's area under the title of
// /rekap and in the caption of an export.
const msgScopeLine = "Wilayah kerja: <b>%s</b>"

// msgProblem heads a problem with what was typed after a command.
const msgProblem = "⚠️ "

// The /rekap chart: its caption (HTML) and the words in the picture
// (plain text).
const (
	msgChartCaption   = "📊 Grafik laporan kegiatan %s: per kecamatan, dan 6 bulan terakhir. Laporan yang ditolak tidak dihitung."
	chartTitleText    = "Laporan kegiatan "
	chartSubtitle     = "Kota Pasuruan · tanpa laporan yang ditolak"
	chartScope        = "Wilayah kerja: "
	chartKecTitle     = "Laporan per kecamatan, menurut jenis pilar"
	chartTrendReports = "Laporan per bulan"
	chartTrendHelped  = "Penerima manfaat PSM"
)

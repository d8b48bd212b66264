package handlers

// The words of /rekap, /ekspor, /cari and /koordinator, in one place so
// that an Indonesian speaker can review them.
// Texts are HTML: values filled in with %s must be escaped by the caller.

// Command descriptions for /bantuan and the Telegram command menu.
const (
	cmdRekap       = "Rekap bulanan untuk Dinsos"
	cmdEkspor      = "Unduh data sebagai file Excel"
	cmdCari        = "Cari relawan menurut nama atau nomor HP"
	cmdKoordinator = "Atur koordinator (khusus admin)"
)

// Shared by /rekap and /ekspor.
const (
	btnThisMonth  = "Bulan ini"
	btnLastMonth  = "Bulan lalu"
	msgOnlyAdmin  = "Maaf, perintah ini hanya untuk admin Dinas Sosial."
	msgOnlyAdmBtn = "Maaf, tombol ini hanya untuk admin."
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

	msgEksporGone      = "Data itu tidak ditemukan lagi. Ketik /ekspor untuk memilih kembali."
	eksporRepLabel     = "Laporan kegiatan"
	eksporRepFile      = "laporan"
	eksporRepSheet     = "Laporan"
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
)

// /cari.
const (
	msgCariHow      = "Ketik nama atau nomor HP setelah perintahnya. Contoh: <code>/cari Siti</code> atau <code>/cari 0812 3456</code>."
	msgCariShort    = "Kata pencarian terlalu pendek. Ketik minimal 3 huruf nama atau 6 angka nomor HP. Contoh: <code>/cari Siti</code>."
	msgCariNone     = "Tidak ada relawan yang cocok dengan <b>%s</b>."
	msgCariMany     = "Ditemukan %s relawan untuk <b>%s</b>%s. Pilih untuk melihat profilnya:"
	msgCariMore     = " (ditampilkan %s pertama; perjelas pencarian bila perlu)"
	msgCariTitle    = "👤 <b>Profil relawan</b>"
	labelTelegramID = "Akun Telegram"
	labelUnreach    = "Catatan"
	msgUnreachable  = "tidak dapat dihubungi (memblokir bot)"

	msgCariNoReports  = "<b>Laporan kegiatan</b>: belum ada."
	msgCariReports    = "<b>Laporan kegiatan</b>: %s laporan, %s terakhir:"
	msgCariReportLine = "• %s · %s · %s · %s"
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

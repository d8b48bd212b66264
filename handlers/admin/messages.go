package admin

// The words of /koordinator, in one place so that an Indonesian speaker can
// review them without reading code. Texts are HTML: values filled in with
// %s must be escaped by the caller.

// CmdKoordinator describes /koordinator in /bantuan and the Telegram
// command menu.
const CmdKoordinator = "Atur koordinator (khusus admin)"

// The list, the buttons and the answers of /koordinator.
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
	msgKoordUsage        = "Contoh: <code>/koordinator tambah 123456789</code>, <code>/koordinator hapus 123456789</code> atau <code>/koordinator wilayah 123456789 Kec. Bugul Kidul, PSM</code>."
	msgYouNoLongerKoord  = "Bapak/Ibu tidak lagi menjadi koordinator PilarBot. Terima kasih atas bantuannya."
	msgKoordFlowEnded    = "Pengisian %s yang sedang berjalan dihentikan dan tidak disimpan."
	btnYesRemove         = "Ya, hapus"
	btnCancelRemove      = "Batal"
)

// labelKoordID names the one answer of the koordinator flow in its summary.
const labelKoordID = "ID Telegram"

// The scope of a coordinator: the list's line, its button, the flow that
// changes it and the message to the coordinator. "Wilayah kerja" is the
// area a coordinator works in (kit.ScopeLabel names it).
const (
	msgKoordScope    = "\n    📍 %s"
	btnKoordScope    = "📍 Wilayah %s"
	flowWilayahTitle = "perubahan wilayah kerja"
	summaryWilayah   = "Periksa wilayah kerja koordinator"
	labelWilPlaces   = "Wilayah"
	labelWilPilars   = "Pilar"
	btnWilCity       = "🏙 Seluruh kota"
	btnWilAllPilar   = "Semua pilar"
	btnWilDone       = "✅ Selesai"
	kecButton        = "Kec. "
	showWilNone      = "belum ada"
	askWilPlaces     = "📍 <b>Wilayah kerja %s</b>\n\nPilih kecamatan dan/atau kelurahan yang menjadi wilayah kerjanya, satu per satu (tekan lagi untuk membatalkan), lalu tekan <b>Selesai</b>. Tekan <b>Seluruh kota</b> bila tidak dibatasi wilayah.\n\nTerpilih: <b>%s</b>"
	askWilPilars     = "Apakah %s hanya mengurus <b>pilar tertentu</b>? Pilih pilarnya satu per satu, lalu tekan <b>Selesai</b>. Tekan <b>Semua pilar</b> bila mengurus semua pilar.\n\nTerpilih: <b>%s</b>"
	errWilPickOne    = "Belum ada yang dipilih. Pilih minimal satu, atau tekan tombol Seluruh kota / Semua pilar."
	msgScopeSet      = "✅ Wilayah kerja <b>%s</b> sekarang: <b>%s</b>."
	msgScopeTold     = " Yang bersangkutan sudah diberi tahu."
	msgScopeSame     = "Wilayah kerja <b>%s</b> tidak berubah: <b>%s</b>."
	errWilTyped      = "Nama <b>%s</b> tidak dikenal sebagai kecamatan, kelurahan atau pilar. Contoh: <code>/koordinator wilayah 123456789 Kec. Bugul Kidul, Mayangan, PSM</code>"
	msgScopeAdmin    = "Admin dari pengaturan selalu mencakup seluruh kota dan semua pilar; wilayah kerjanya tidak dapat dibatasi."
	msgYourScope     = "📍 Wilayah kerja Bapak/Ibu sebagai koordinator sekarang: <b>%s</b>."
)

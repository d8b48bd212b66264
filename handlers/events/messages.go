package events

// The words of events, schedules, reminders and check-in (/acara,
// /jadwal), in one place for review by an Indonesian speaker. Texts are
// HTML: values filled in with %s must be escaped by the caller.

// Command descriptions.
const (
	CmdAcara  = "Buat dan kelola acara"
	CmdJadwal = "Lihat jadwal acara dan konfirmasi kehadiran"
)

// Event kinds, in the order of the keyboard.
var eventKinds = []struct{ Code, Label string }{
	{"upacara", "Upacara"},
	{"bimtek", "Bimtek"},
	{"lomba", "Lomba"},
	{"rapat", "Rapat"},
	{"siaga_bencana", "Siaga bencana"},
	{"lainnya", "Lainnya"},
}

// The /acara flow.
const (
	flowAcaraTitle  = "data acara"
	summaryAcara    = "Periksa data acara"
	btnSkip         = "Lewati"
	btnDone         = "✅ Selesai"
	btnSendLocation = "📍 Kirim lokasi"
	btnAllPilar     = "Semua pilar"
	btnAllRegion    = "Semua wilayah"
	kecButtonPrefix = "Kec. "

	askEvJudul   = "Apa <b>judul acara</b>?\n\nContoh: Upacara Peringatan HKSN 2023"
	askEvJenis   = "Apa <b>jenis acara</b>? Silakan pilih pada tombol."
	askEvMulai   = "Kapan acara <b>dimulai</b>? Tulis tanggal dan jam (WIB).\n\nContoh: 20-12-2023 08.00"
	askEvSelesai = "Jam berapa acara <b>selesai</b>? Tulis jamnya, atau tekan <b>Lewati</b>.\n\nContoh: 12.00"
	askEvTempat  = "Di mana <b>tempat acara</b>?\n\nContoh: GOR Untung Suropati"
	askEvPin     = "Kirim <b>titik lokasi</b> acara di peta agar relawan bisa check-in: tekan <b>Kirim lokasi</b> (saat berada di tempat acara) atau kirim lokasi lewat 📎 → Lokasi. Tekan <b>Lewati</b> bila tidak ada."
	askEvPilar   = "<b>Pilar mana</b> yang diundang? Tekan satu per satu, lalu <b>Selesai</b>. Tekan <b>Semua pilar</b> untuk mengundang semua.\n\nTerpilih: <b>%s</b>"
	askEvWilayah = "Relawan dari <b>wilayah mana</b> yang diundang? Tekan kecamatan atau ketik nama kelurahan satu per satu, lalu <b>Selesai</b>. Tekan <b>Semua wilayah</b> untuk seluruh kota.\n\nTerpilih: <b>%s</b>"
	askEvKet     = "Tulis <b>keterangan</b> acara (pakaian, yang perlu dibawa, dan sebagainya).\n\nContoh: Memakai seragam lengkap, hadir 30 menit sebelum acara."
	askEvKuota   = "Berapa <b>kuota</b> peserta (jumlah paling banyak)? Tekan <b>Lewati</b> bila tidak dibatasi.\n\nContoh: 50"

	labelEvJudul   = "Judul"
	labelEvJenis   = "Jenis"
	labelEvMulai   = "Mulai"
	labelEvSelesai = "Selesai"
	labelEvTempat  = "Tempat"
	labelEvPin     = "Titik lokasi"
	labelEvPilar   = "Pilar diundang"
	labelEvWilayah = "Wilayah diundang"
	labelEvKet     = "Keterangan"
	labelEvKuota   = "Kuota"

	showNone      = "belum ada"
	showAllPilar  = "Semua pilar"
	showAllRegion = "Seluruh Kota Pasuruan"
	showNoLimit   = "Tidak dibatasi"
	showPinSet    = "Ada"
	showNoPin     = "Tidak ada"

	errEvJenis      = "Jenis acara tidak ada dalam pilihan. Silakan pilih pada tombol, misalnya Upacara."
	errEvPast       = "Waktu mulai sudah lewat. Mohon tulis waktu yang akan datang. Contoh: 20-12-2023 08.00."
	errEvEndBefore  = "Jam selesai harus sesudah jam mulai. Contoh: 12.00."
	errEvEnd        = "Jam selesai belum benar. Tulis jamnya, atau tanggal dan jam. Contoh: 12.00 atau 21-12-2023 12.00."
	errEvPin        = "Mohon kirim lokasi dengan tombol Kirim lokasi, atau tekan Lewati."
	errEvPilarPick  = "Pilar itu tidak ada dalam pilihan. Silakan tekan tombol pilar, lalu Selesai."
	errEvPickOne    = "Belum ada yang dipilih. Tekan salah satu tombol, atau tekan tombol Semua."
	errEvStartGone  = "Waktu mulai acara sudah lewat. Mohon ubah waktu mulai dengan tombol Ubah."
	msgAcaraSaved   = "✅ Acara sudah disimpan.\n\n%s\n\nRelawan yang diundang dapat melihatnya lewat /jadwal. Ketik /acara untuk mengelola acara."
	msgAcaraUpdated = "✅ Perubahan acara sudah disimpan.\n\n%s"
	msgAcaraChanged = " Relawan yang menyatakan hadir sudah diberi tahu."
)

// A scoped coordinator's pilar and wilayah questions of /acara name the
// scope; "Semua" means the whole of it, and nothing outside is taken.
const (
	askEvPilarScoped   = "<b>Pilar mana</b> yang diundang? Pilar wilayah kerja Bapak/Ibu: <b>%s</b>. Tekan satu per satu, lalu <b>Selesai</b>. Tekan <b>Semua pilar</b> untuk mengundang semua pilar itu.\n\nTerpilih: <b>%s</b>"
	askEvWilayahScoped = "Relawan dari <b>wilayah mana</b> yang diundang? Wilayah kerja Bapak/Ibu: <b>%s</b>. Tekan kecamatan atau kelurahan satu per satu, lalu <b>Selesai</b>. Tekan <b>Semua wilayah</b> untuk seluruh wilayah kerja itu.\n\nTerpilih: <b>%s</b>"
	errEvOutsidePilar  = "%s di luar wilayah kerja Bapak/Ibu (%s). Silakan tekan salah satu tombol pilar."
	errEvOutsidePlace  = "%s di luar wilayah kerja Bapak/Ibu (%s). Silakan tekan salah satu tombol wilayah."
	errEvOutsideScope  = "Pilar atau wilayah yang diundang di luar wilayah kerja Bapak/Ibu (%s), jadi acara belum disimpan. Mohon ubah Pilar diundang atau Wilayah diundang dengan tombol Ubah."
)

// /acara list and coordinator buttons.
const (
	msgAcaraNone       = "Belum ada acara mendatang yang Bapak/Ibu buat. Tekan tombol di bawah untuk membuat acara (atau ketik /acara baru)."
	msgAcaraListTitle  = "<b>Acara mendatang</b> (%s). Pilih tindakan di bawah tiap acara."
	msgAcaraNewOffer   = "Ingin membuat acara baru?"
	btnEvNew           = "➕ Buat acara baru"
	btnEvEdit          = "✏️ Ubah"
	btnEvCancel        = "🚫 Batalkan"
	btnEvAttendance    = "📋 Daftar hadir"
	btnEvCancelYes     = "Ya, batalkan"
	btnEvCancelNo      = "Tidak"
	msgEvCancelConfirm = "Batalkan acara <b>%s</b>?\n\n%s relawan yang menyatakan hadir akan diberi tahu."
	msgEvCancelled     = "🚫 Acara <b>%s</b> sudah dibatalkan. %s relawan yang menyatakan hadir sudah diberi tahu."
	msgEvNotCancelled  = "Baik, acara <b>%s</b> tidak dibatalkan."
	answerEvGone       = "Acara ini tidak ditemukan."
	answerEvCancelled  = "Acara ini sudah dibatalkan."
	answerEvStarted    = "Acara ini sudah dimulai."
	answerEvNotYours   = "Acara ini dibuat oleh koordinator lain."
	answerEvSure       = "Mohon konfirmasi."

	msgAttTitle      = "<b>Daftar hadir: %s</b>\n%s"
	msgAttCounts     = "Menyatakan hadir: <b>%s</b>%s\nSudah check-in: <b>%s</b> (lokasi sesuai %s, tanpa titik lokasi %s)\nTidak hadir: <b>%s</b>"
	msgAttQuota      = " dari kuota %s"
	msgAttNobody     = "Belum ada relawan yang menjawab."
	msgAttCheckedIn  = "✅ check-in %s"
	msgAttUnverified = "☑️ check-in %s (tanpa verifikasi lokasi)"
	msgAttNotYet     = "⏳ belum check-in"
	msgAttMore       = "… dan %s lainnya. Daftar lengkap: /ekspor kehadiran."
	msgAttAbsentHead = "<b>Tidak hadir</b>"
)

// Event card and the notices to attendees.
const (
	cardDate      = "🗓 %s"
	cardUntil     = " s.d. %s"
	cardPlace     = "📍 %s"
	cardTarget    = "👥 %s; %s"
	cardAttending = "🙋 %s orang akan hadir"
	cardQuota     = " (kuota %s)"
	cardDesc      = "📝 %s"
	cardMap       = "🗺 Ada titik lokasi untuk check-in"

	msgEvChangedNotice   = "📢 <b>Perubahan acara</b>\n\nAcara yang akan Bapak/Ibu hadiri berubah:\n\n%s\n\nKetik /jadwal untuk melihat jadwal."
	msgEvCancelledNotice = "🚫 <b>Acara dibatalkan</b>\n\nMohon maaf, acara <b>%s</b> (%s, %s) <b>dibatalkan</b>. Bapak/Ibu tidak perlu datang."
)

// /jadwal and answers.
const (
	msgJadwalNotVerified = "Jadwal acara hanya untuk relawan yang sudah terverifikasi. Ketik /profil untuk melihat status Bapak/Ibu."
	msgJadwalEmpty       = "Belum ada acara untuk Bapak/Ibu. Kami akan mengabari bila ada acara baru."
	msgJadwalTitle       = "<b>Jadwal acara</b> (halaman %d dari %d, %s acara)"
	jadwalOngoing        = "🔴 Sedang berlangsung"
	jadwalYouYes         = "Jawaban Bapak/Ibu: ✅ Hadir"
	jadwalYouNo          = "Jawaban Bapak/Ibu: ❌ Tidak hadir"
	jadwalYouNone        = "Jawaban Bapak/Ibu: belum menjawab"
	jadwalCheckedIn      = "📍 Kehadiran sudah tercatat"
	jadwalFull           = "⚠️ Kuota sudah penuh"
	btnRSVPYes           = "%d. Hadir"
	btnRSVPNo            = "%d. Tidak hadir"
	btnCheckin           = "%d. Saya sudah hadir"
	btnPrev              = "◀️ Sebelumnya"
	btnNext              = "Berikutnya ▶️"

	answerRSVPYes      = "Tercatat: Hadir. Terima kasih!"
	answerRSVPNo       = "Tercatat: Tidak hadir."
	answerRSVPSame     = "Jawaban Bapak/Ibu sudah tercatat."
	answerRSVPFull     = "Maaf, kuota acara ini sudah penuh."
	answerRSVPStarted  = "Acara sudah dimulai, jawaban tidak dapat diubah lagi."
	answerNotVerified  = "Tombol ini hanya untuk relawan yang sudah terverifikasi."
	answerNotTargeted  = "Acara ini bukan untuk pilar atau wilayah Bapak/Ibu."
	answerCheckinEarly = "Check-in dibuka 1 jam sebelum acara dimulai."
	answerCheckinOver  = "Acara sudah selesai."
	answerCheckinOnly  = "Check-in hanya untuk relawan yang menjawab Hadir."
	answerCheckinDone  = "Kehadiran Bapak/Ibu sudah tercatat."
	answerSendLocation = "Silakan kirim lokasi."
)

// Check-in flow.
const (
	flowCheckinTitle      = "check-in"
	askCheckin            = "Untuk mencatat kehadiran di <b>%s</b>, tekan tombol <b>📍 Kirim lokasi saya</b> di bawah."
	btnCheckinLocation    = "📍 Kirim lokasi saya"
	errCheckinNeedLoc     = "Mohon tekan tombol Kirim lokasi saya agar lokasi Bapak/Ibu terkirim."
	errCheckinTooFar      = "Lokasi Bapak/Ibu sekitar %s dari tempat acara (batas %s). Silakan mendekat ke tempat acara, lalu tekan Kirim lokasi saya lagi."
	errCheckinClosed      = "Waktu check-in acara ini sudah berakhir."
	msgCheckinVerified    = "✅ Terima kasih, kehadiran Bapak/Ibu di <b>%s</b> sudah tercatat (sekitar %s dari titik lokasi acara)."
	msgCheckinUnverified  = "✅ Terima kasih, kehadiran Bapak/Ibu di <b>%s</b> sudah tercatat. Acara ini tidak memiliki titik lokasi, jadi lokasi tidak diperiksa."
	msgCheckinNotAttendee = "Check-in hanya untuk relawan yang menjawab Hadir."
)

// "Umumkan sekarang" for an event (/acara): the button and the message
// prefilled from the event, which the coordinator sees in the preview.
const (
	btnEvAnnounce   = "📢 Umumkan sekarang"
	msgEvAnnounceQ  = "Umumkan acara ini kepada relawan yang diundang?"
	msgEvAnnounce   = "📅 <b>%s</b> (%s)\n🗓 %s\n📍 %s"
	msgEvAnnounceKe = "\n\n%s"
	msgEvAnnounceJd = "\n\nKetik /jadwal untuk menjawab <b>Hadir</b> atau <b>Tidak hadir</b>."
)

// Reminders.
const (
	msgReminderDay   = "⏰ <b>Pengingat</b>: besok Bapak/Ibu dijadwalkan hadir di acara berikut.\n\n%s\n\nBila berhalangan, mohon ubah jawaban lewat /jadwal."
	msgReminderHours = "⏰ <b>Pengingat</b>: acara berikut dimulai sekitar 2 jam lagi.\n\n%s\n\nSaat tiba, tekan <b>Saya sudah hadir</b> di /jadwal untuk mencatat kehadiran."
)

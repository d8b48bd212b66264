package handlers

// "Umumkan sekarang" for an event (/acara): the button and the message
// prefilled from the event, which the coordinator sees in the preview.
const (
	btnEvAnnounce   = "📢 Umumkan sekarang"
	msgEvAnnounceQ  = "Umumkan acara ini kepada relawan yang diundang?"
	msgEvAnnounce   = "📅 <b>%s</b> (%s)\n🗓 %s\n📍 %s"
	msgEvAnnounceKe = "\n\n%s"
	msgEvAnnounceJd = "\n\nKetik /jadwal untuk menjawab <b>Hadir</b> atau <b>Tidak hadir</b>."
)

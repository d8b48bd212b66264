package digest

// The morning digest, in Indonesian. The scope is kit.ScopeLabel's, the
// counts kit.FormatInt's; /tinjau is the review queue of the reports room.
const (
	// msgDigestHead opens the digest: the greeting and the coordinator's
	// area.
	msgDigestHead = "%s, Bapak/Ibu. Yang menunggu di wilayah Bapak/Ibu (%s):"
	// msgDigestRegistrations and msgDigestReports are its lines, each
	// only when something waits.
	msgDigestRegistrations = "• %s pendaftaran untuk diverifikasi → /verifikasi"
	msgDigestReports       = "• %s laporan untuk ditinjau → /tinjau"
)

// The greetings by the WIB hour the digest goes out: a bot that was down
// at 08.00 sends it later in the day.
const (
	greetMorning   = "Selamat pagi"  // 04.00–10.59
	greetMidday    = "Selamat siang" // 11.00–14.59
	greetAfternoon = "Selamat sore"  // 15.00–17.59
	greetEvening   = "Selamat malam" // 18.00–03.59
)

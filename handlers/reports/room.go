// Package reports is how volunteers report their activities and how
// coordinators review them. A verified volunteer sends a report with /lapor
// (the activity, the questions of their pilar, date, kelurahan, map pin,
// what was done, photos); the coordinators whose scope covers the reporter
// get it as a card with Setujui / Perlu perbaikan / Tolak ("rv" buttons),
// and the last two ask for a note that goes back to the volunteer. /tinjau
// shows the reports waiting in the coordinator's scope one at a time, with
// Lewati ("tj" buttons, which also open the reporter's record); every card
// flags recycled photos and a map pin far from the kelurahan. /laporan
// LAP-… shows one report with its review history (and the review buttons
// while it waits), /riwayat lists the volunteer's own reports with the
// decisions and notes a page at a time ("rw" buttons), and RecentReports
// is the block /cari shows under a volunteer.
package reports

import (
	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage/domain"
)

// Config holds the room's settings; values come from app.Defaults via
// handlers.Deps and are never defaulted again here.
type Config struct {
	// MaxAgeDays is how many days back an activity date may lie.
	MaxAgeDays int
	// BBox is where a report's map pin may lie.
	BBox domain.BBox
}

// Room answers /lapor, /tinjau, /laporan and /riwayat, the buttons of a
// report card and the paging buttons of /riwayat.
type Room struct {
	*kit.Env
	cfg Config
}

// New makes the room. env is shared with the other rooms, so that shutdown
// waits for the room's background notices too.
func New(env *kit.Env, cfg Config) *Room {
	return &Room{Env: env, cfg: cfg}
}

// Flows are the room's conversations, registered by handlers.New: the
// report itself and the coordinator's review note.
func (h *Room) Flows() []*conversations.Flow {
	return []*conversations.Flow{h.laporFlow(), h.catatanFlow()}
}

// The callback-data prefixes of the room's buttons, routed in
// handlers/routes.go. They are on the wire: buttons sit in chats for
// months, so they never change.
const (
	ReviewPrefix  = "rv" // the review buttons of a report card
	RiwayatPrefix = "rw" // the pages of /riwayat
	TinjauPrefix  = "tj" // Lewati and the reporter's record on a report card
)

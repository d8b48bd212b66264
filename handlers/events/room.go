// Package events is the events capability of PilarBot: coordinators create,
// change and cancel events with /acara, see who comes and announce them;
// volunteers see the events aimed at their pilar and region with /jadwal,
// answer Hadir / Tidak hadir and check in at the place with their location.
// Reminders sends the reminders a day and two hours before each event.
package events

import (
	"context"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// Config holds the room's settings; values come from app.Defaults via
// handlers.Deps and are never defaulted again here.
type Config struct {
	// CheckinRadius is how near the event's pin a check-in counts, in
	// metres.
	CheckinRadius float64
}

// Deps are what the room needs from other rooms, filled in by
// handlers.New.
type Deps struct {
	// Announce opens /umumkan with the audience and the message (HTML)
	// already chosen, so "Umumkan sekarang" of an event goes straight to
	// the preview with Kirim / Ubah pesan / Batal.
	Announce func(ctx context.Context, r *kit.Request, seg storage.Segment, text string) error
}

// Room answers /acara and its "ev" buttons, /jadwal and its "jd" buttons,
// and runs the event and check-in flows.
type Room struct {
	*kit.Env
	cfg  Config
	deps Deps
}

// New makes the room.
func New(env *kit.Env, cfg Config, deps Deps) *Room {
	return &Room{Env: env, cfg: cfg, deps: deps}
}

// Flows are the room's conversations, registered by handlers.New.
func (h *Room) Flows() []*conversations.Flow {
	return []*conversations.Flow{h.acaraFlow(), h.checkinFlow()}
}

// The callback-data prefixes of the room's buttons, routed in
// handlers/routes.go. They are on the wire: buttons sit in chats for
// months, so they never change.
const (
	EventPrefix  = "ev" // the coordinator's buttons of /acara
	JadwalPrefix = "jd" // the buttons of /jadwal
)

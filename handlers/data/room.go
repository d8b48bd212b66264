// Package data is what coordinators read out of the bot: /rekap, the
// monthly summary for Dinas Sosial (volunteers, reports and events of a
// month); /ekspor, the same data row by row as an Excel (.xlsx) file
// (volunteers, the reports of a month, the attendance of an event); and
// /cari, finding one volunteer by name or phone number and showing their
// card, status and recent reports.
//
// Nothing here changes the data: every command only reads. NIK and phone
// numbers are masked for coordinators and shown in full to admins only.
// A coordinator with a scope reads only the volunteers inside it, and
// their reports and answers (storage.Scope, passed to every query).
package data

import (
	"context"
	"fmt"
	"html"

	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// Deps are what the room needs from other capabilities; handlers.New
// fills them in, and every field is required.
type Deps struct {
	// Card is a volunteer's registration as a coordinator reviews it
	// (HTML), the same card /verifikasi shows.
	Card func(v *storage.Volunteer) string
	// RecentReports lists a volunteer's latest reports (HTML) for the
	// profile /cari shows.
	RecentReports func(ctx context.Context, v *storage.Volunteer) (string, error)
}

// Room answers /rekap, /ekspor and /cari and their buttons ("rk", "ex",
// "cr"). It has no conversations: each command answers at once.
type Room struct {
	*kit.Env
	deps Deps
}

// New makes the room.
func New(env *kit.Env, d Deps) *Room {
	return &Room{Env: env, deps: d}
}

// scopeLine names the scope under a title (HTML, with its leading line
// break), or is "" for the whole city: what a coordinator reads comes
// from their area only, and says so.
func scopeLine(scope storage.Scope) string {
	if scope.CityWide() {
		return ""
	}
	return "\n" + fmt.Sprintf(msgScopeLine, html.EscapeString(kit.ScopeLabel(scope)))
}

// replyInvalid shows a parser's problem with what was typed after a
// command (a month nobody can read); msg is plain text.
func (h *Room) replyInvalid(ctx context.Context, r *kit.Request, msg string) error {
	return h.Reply(ctx, r, msgProblem+html.EscapeString(msg))
}

// The callback-data prefixes of the room's buttons, routed in
// handlers/routes.go. They are on the wire: buttons sit in chats for
// months, so they never change.
const (
	RekapPrefix  = "rk" // the months of /rekap
	ExportPrefix = "ex" // the kinds and options of /ekspor
	SearchPrefix = "cr" // a volunteer of a /cari result
)

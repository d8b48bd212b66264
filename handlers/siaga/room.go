// Package siaga is the emergency call-up (/siaga): a coordinator calls
// volunteers (Tagana of their area by default) with a short message and
// an optional gathering point; each recipient answers Siap berangkat
// (with an arrival time) or Tidak bisa until the call-up is closed, and
// the coordinator watches one tally message with Daftar siap, Kirim kabar
// and Tutup siaga. Delivery goes through the broadcast outbox as class
// siaga, claimed and sent ahead of every announcement.
package siaga

import (
	"context"
	"fmt"
	"html"
	"strings"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// The buttons: "sg:<action>:<call-up id>[:<arrival>]" for recipients
// (anyone may press; the store checks the presser was a recipient) and
// "sk:<action>:<call-up id>" for the coordinator's tally (coordinators
// only, checked by the router). Buttons sit in chats: the wire format
// must not change.
const (
	AnswerPrefix = "sg"
	CoordPrefix  = "sk"

	actSiap  = "ya"
	actTidak = "no"
	actTiba  = "t"

	actDaftar = "ls"
	actKabar  = "kb"
	actTutup  = "cl"

	historySize = 10
	// linkDays is how far back /lapor offers call-ups to link a report to.
	linkDays = 3
)

// Deps are what the room needs of others: Kick wakes the outbox runner
// that delivers a call-up.
type Deps struct {
	Kick func()
}

// Room answers /siaga and its buttons.
type Room struct {
	*kit.Env
	deps Deps
}

// New returns the room.
func New(env *kit.Env, deps Deps) *Room { return &Room{Env: env, deps: deps} }

// Flows are the room's conversations, registered by handlers.New.
func (h *Room) Flows() []*conversations.Flow {
	return []*conversations.Flow{h.siagaFlow(), h.kabarFlow()}
}

// Siaga starts a call-up, or lists the recent ones with "riwayat".
func (h *Room) Siaga(ctx context.Context, r *kit.Request) error {
	if kit.NormalizeChoice(r.Args) == "riwayat" {
		return h.history(ctx, r)
	}
	return h.Engine.Start(ctx, r.Chat, flowSiaga, nil)
}

// history lists the last call-ups with their counts that the coordinator
// may see: a scoped one, their own and their area's.
func (h *Room) history(ctx context.Context, r *kit.Request) error {
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	list, err := h.Store.RecentCallups(ctx, historySize, r.Chat.UserID, scope)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		none := msgHistoryNone
		if !scope.CityWide() {
			none = msgHistoryNoneScoped
		}
		return h.Reply(ctx, r, none)
	}
	var sb strings.Builder
	sb.WriteString(msgHistoryTitle)
	for i := range list {
		c := &list[i]
		state := tallyOpen
		if !c.Open() {
			state = tallyClosed
		}
		fmt.Fprintf(&sb, msgHistoryItem, kit.FormatDateTime(c.CreatedAt), html.EscapeString(callupLabel(&c.Callup)), state,
			html.EscapeString(kit.Truncate(plain(c.Text), 80)),
			kit.FormatInt(c.Siap()), kit.FormatInt(c.Tidak), kit.FormatInt(c.Unanswered),
			kit.FormatInt(c.Failed), kit.FormatInt(c.Reports))
	}
	sb.WriteString(msgHistoryHint)
	return h.Reply(ctx, r, sb.String())
}

// callupLabel names a call-up's audience, with the scope that clipped it.
func callupLabel(c *storage.Callup) string {
	return audienceLabel(c.Segment(), c.Scope())
}

// audienceLabel names an audience inside scope (plain text).
func audienceLabel(g storage.Segment, scope storage.Scope) string {
	label := kit.ScopeLabel(g)
	if len(g.Pilars) == 1 && g.Pilars[0] == "tagana" && len(g.Kecamatans)+len(g.Kelurahans) == 0 {
		label = lblTaganaAll
		if !scope.CityWide() {
			return fmt.Sprintf(lblTaganaIn, kit.ScopeLabel(scope))
		}
	}
	if scope.CityWide() {
		return label
	}
	return label + fmt.Sprintf(lblClipped, kit.ScopeLabel(scope))
}

// plain strips the tags of a short HTML message for a one-line preview.
func plain(s string) string {
	var sb strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			sb.WriteRune(r)
		}
	}
	return html.UnescapeString(sb.String())
}

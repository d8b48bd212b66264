// Package broadcast is how coordinators announce something to volunteers:
// the /umumkan conversation (who receives it, the message with its
// formatting or one photo, a preview with Kirim / Ubah pesan / Batal, the
// history) and the Runner that delivers a started announcement from the
// durable outbox in Postgres to every recipient, showing the coordinator
// its progress and a final report.
package broadcast

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"pilarbot/conversations"
	"pilarbot/handlers/audience"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// The flow's name and answer keys are stored with the conversations in
// Redis: they must not change.
const (
	flowUmumkan = "umumkan"

	keySasaran = "sasaran" // semua, pilar, kecamatan, kelurahan, acara
	keyPilihan = "pilihan" // JSON list of codes; for acara the event id
	keyPesan   = "pesan"   // HTML
	keyFoto    = "_foto"   // photo file_id, or ""
	keySegmen  = "_segmen" // a storage.Segment as JSON, given from the start (an event's targeting, Ubah pesan)
	keyJudul   = "_judul"  // title of the event chosen for acara

	sasaranSemua = "semua"
	sasaranPilar = audience.Pilar
	sasaranKec   = audience.Kecamatan
	sasaranKel   = audience.Kelurahan
	sasaranAcara = "acara"

	maxTextLen    = 4096
	maxCaptionLen = 1024
	historySize   = 10
	// maxEvents is how many of the coordinator's upcoming events
	// "Peserta acara" offers, as many as /acara lists.
	maxEvents = 10
)

// broadcaster is what the conversation needs of the Runner: the preview is
// sent exactly the way recipients get it, and a started broadcast wakes it.
type broadcaster interface {
	// Kick makes the runner look for work at once.
	Kick()
	// Caller sends the preview exactly as recipients get it.
	Caller() Caller
}

// Room answers /umumkan and the buttons of its preview.
type Room struct {
	*kit.Env
	runner broadcaster
}

// New returns the room; runner delivers what coordinators start.
func New(env *kit.Env, runner *Runner) *Room {
	return &Room{Env: env, runner: runner}
}

// Flows are the room's conversations, registered by handlers.New.
func (h *Room) Flows() []*conversations.Flow {
	return []*conversations.Flow{h.umumkanFlow()}
}

// Umumkan starts an announcement, or shows the history with "riwayat".
func (h *Room) Umumkan(ctx context.Context, r *kit.Request) error {
	if kit.NormalizeChoice(r.Args) == "riwayat" {
		return h.history(ctx, r)
	}
	return h.Engine.Start(ctx, r.Chat, flowUmumkan, nil)
}

// Prefill opens /umumkan with the audience and the message (HTML) already
// chosen, so the coordinator goes straight to the preview with Kirim /
// Ubah pesan / Batal: what "Umumkan sekarang" of an event does.
func (h *Room) Prefill(ctx context.Context, r *kit.Request, seg storage.Segment, text string) error {
	b, err := json.Marshal(seg)
	if err != nil {
		return fmt.Errorf("broadcast: segment: %w", err)
	}
	return h.Engine.Start(ctx, r.Chat, flowUmumkan, map[string]string{
		keySegmen: string(b),
		keyPesan:  text,
		keyFoto:   "",
	})
}

// history lists the last broadcasts with their counts that the
// coordinator may see: a scoped one, their own and their area's.
func (h *Room) history(ctx context.Context, r *kit.Request) error {
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	list, err := h.Store.RecentBroadcasts(ctx, historySize, r.Chat.UserID, scope)
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
		b := &list[i]
		when := b.CreatedAt
		if b.StartedAt != nil {
			when = *b.StartedAt
		}
		sending := ""
		if b.Status == storage.BroadcastSending {
			sending = msgHistorySend
		}
		fmt.Fprintf(&sb, msgHistoryItem, kit.FormatDateTime(when), html.EscapeString(broadcastLabel(&b.Broadcast, lblHistoryScope)),
			kit.FormatInt(b.Sent), kit.FormatInt(b.All()), kit.FormatInt(b.Blocked),
			kit.FormatInt(b.Failed), sending)
	}
	sb.WriteString(msgHistoryHint)
	return h.Reply(ctx, r, sb.String())
}

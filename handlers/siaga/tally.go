package siaga

import (
	"context"
	"fmt"
	"html"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// Tally keeps each coordinator's tally message up to date: every tick it
// counts the call-ups that may have changed and edits a message whose
// text changed, at most once every Every (claimed in Postgres, so
// several instances never edit one message more often, nor to the same
// text, which Telegram refuses with "message is not modified").
type Tally struct {
	env   *kit.Env
	every time.Duration
}

// NewTally returns the tally loop; every is the least time between two
// edits of one message (3 s).
func NewTally(env *kit.Env, every time.Duration) *Tally { return &Tally{env: env, every: every} }

// Run edits tallies until ctx is done, looking twice per every.
func (t *Tally) Run(ctx context.Context) {
	kit.Every(ctx, t.every/2, t.tick)
}

func (t *Tally) tick(ctx context.Context) {
	list, err := t.env.Store.TallyCallups(ctx)
	if err != nil {
		if ctx.Err() == nil {
			t.env.Log.Warn("loading call-ups to tally failed", "error", err)
		}
		return
	}
	for i := range list {
		if err := t.show(ctx, &list[i]); err != nil && ctx.Err() == nil {
			t.env.Log.Warn("showing a call-up tally failed", "callup_id", list[i].ID, "error", err)
		}
	}
}

func (t *Tally) show(ctx context.Context, c *storage.Callup) error {
	n, err := t.env.Store.CallupCountsOf(ctx, c.ID)
	if err != nil {
		return err
	}
	text := tallyText(c, n)
	ok, err := t.env.Store.ClaimCallupTally(ctx, c.ID, text, t.every)
	if err != nil || !ok {
		return err
	}
	e := tgbotapi.NewEditMessageText(c.ChatID, int(c.TallyMsgID), text)
	e.ParseMode = tgbotapi.ModeHTML
	kb := tallyKeyboard(c)
	e.ReplyMarkup = &kb
	if _, err := t.env.Send.Request(bot.WithPriority(ctx, bot.PriorityUrgent), e); err != nil && !bot.IsNotModified(err) {
		return err
	}
	return nil
}

// tallyKeyboard is Daftar siap, Kirim kabar and Tutup siaga while the
// call-up is open, Daftar siap alone after.
func tallyKeyboard(c *storage.Callup) tgbotapi.InlineKeyboardMarkup {
	daftar := kit.Button(btnDaftar, CoordPrefix, actDaftar, c.ID)
	if !c.Open() {
		return tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(daftar))
	}
	return tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(daftar, kit.Button(btnKabar, CoordPrefix, actKabar, c.ID)),
		tgbotapi.NewInlineKeyboardRow(kit.Button(btnTutup, CoordPrefix, actTutup, c.ID)))
}

// tallyText is the coordinator's tally of c (HTML).
func tallyText(c *storage.Callup, n storage.CallupCounts) string {
	state := tallyOpen
	if !c.Open() {
		state = tallyClosed
	}
	f := kit.FormatInt
	text := fmt.Sprintf(msgTally, state, html.EscapeString(audienceLabel(c.Segment(), c.Scope())),
		html.EscapeString(kit.Truncate(plain(c.Text), 120)),
		f(n.Siap()), f(n.Siap30), f(n.Siap1j), f(n.SiapLebih), f(n.SiapBelum),
		f(n.Tidak), f(n.Unanswered), f(n.Failed), f(n.Recipients-n.Pending-n.Failed), f(n.Recipients))
	if n.Reports > 0 {
		text += fmt.Sprintf(msgTallyReports, f(n.Reports))
	}
	return text
}

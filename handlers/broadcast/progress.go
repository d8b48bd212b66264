package broadcast

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

// reporter shows the progress of every broadcast being sent and, once no
// recipient is pending, the final report. Every instance runs one; the
// store decides which instance edits (ClaimProgress) and which reports
// (FinishBroadcast), so the coordinator sees each change once.
func (r *Runner) reporter(ctx context.Context) {
	tick := min(r.cfg.ProgressEvery, r.cfg.Poll)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		r.reportAll(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (r *Runner) reportAll(ctx context.Context) {
	bs, err := r.store.SendingBroadcasts(ctx)
	if err != nil {
		if ctx.Err() == nil {
			r.log.Warn("loading broadcasts being sent failed", "error", err)
		}
		return
	}
	for i := range bs {
		if err := r.report(ctx, &bs[i]); err != nil && ctx.Err() == nil {
			r.log.Warn("showing broadcast progress failed", "broadcast_id", bs[i].ID, "error", err)
		}
	}
}

func (r *Runner) report(ctx context.Context, b *storage.Broadcast) error {
	c, err := r.store.BroadcastCountsOf(ctx, b.ID)
	if err != nil {
		return err
	}
	if c.Pending == 0 {
		done, err := r.store.FinishBroadcast(ctx, b.ID)
		if err != nil || !done {
			return err
		}
		r.mu.Lock()
		delete(r.content, b.ID)
		r.mu.Unlock()
		if b.Class == storage.ClassSiaga {
			return nil // a call-up's tally is the siaga room's
		}
		text := reportText(b, c)
		r.edit(ctx, b, progressText(b, c))
		_, err = r.tg.Request(ctx, htmlMessage(b.ChatID, text))
		return err
	}
	if b.Class == storage.ClassSiaga {
		return nil
	}
	text := progressText(b, c)
	ok, err := r.store.ClaimProgress(ctx, b.ID, text, r.cfg.ProgressEvery)
	if err != nil || !ok {
		return err
	}
	r.edit(ctx, b, text)
	return nil
}

// edit replaces the progress message (editMessageText,
// https://core.telegram.org/bots/api#editmessagetext). Progress is shown
// with interactive priority: it is one message every few seconds.
func (r *Runner) edit(ctx context.Context, b *storage.Broadcast, text string) {
	if b.ProgressMsgID == 0 {
		return
	}
	e := tgbotapi.NewEditMessageText(b.ChatID, int(b.ProgressMsgID), text)
	e.ParseMode = tgbotapi.ModeHTML
	if _, err := r.tg.Request(bot.WithPriority(ctx, bot.PriorityInteractive), e); err != nil && !bot.IsNotModified(err) {
		r.log.Warn("editing broadcast progress failed", "broadcast_id", b.ID, "error", err)
	}
}

func htmlMessage(chatID int64, text string) tgbotapi.MessageConfig {
	m := tgbotapi.NewMessage(chatID, text)
	m.ParseMode = tgbotapi.ModeHTML
	return m
}

// progressText is the coordinator's progress message of b (HTML): sent so
// far out of all, and failed; "selesai" once none is pending.
func progressText(b *storage.Broadcast, c storage.BroadcastCounts) string {
	format := msgProgress
	if c.Pending == 0 {
		format = msgProgDone
	}
	return fmt.Sprintf(format, html.EscapeString(broadcastLabel(b, lblClipped)), kit.FormatInt(c.Sent),
		kit.FormatInt(c.All()), kit.FormatInt(c.Blocked+c.Failed))
}

// reportText is the final report of b (HTML): sent, blocked and failed.
func reportText(b *storage.Broadcast, c storage.BroadcastCounts) string {
	return fmt.Sprintf(msgReport, html.EscapeString(broadcastLabel(b, lblClipped)), kit.FormatInt(c.Sent),
		kit.FormatInt(c.Blocked), kit.FormatInt(c.Failed))
}

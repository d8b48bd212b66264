package events

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// Reminders sends the event reminders (a day and two hours before the
// start) to volunteers who answered Hadir. The schedule lives in Postgres,
// so reminders survive restarts, and each is claimed with FOR UPDATE SKIP
// LOCKED, so several instances send each one once.
type Reminders struct {
	Sender kit.Sender
	Store  *storage.Store
	Now    func() time.Time // the injected clock
	Logger *slog.Logger
	// Lease (required) bounds how long an instance that went silent in
	// the middle of a send keeps others from its reminder; a send gets
	// two thirds of it (storage.SendDueReminder).
	Lease time.Duration
}

// Run sends due reminders every interval until ctx is cancelled.
func (r *Reminders) Run(ctx context.Context, every time.Duration) {
	kit.Every(ctx, every, func(ctx context.Context) { r.Tick(ctx) })
}

// Tick sends every reminder due now and returns how many it sent. A
// reminder whose send fails stays due for the next tick.
func (r *Reminders) Tick(ctx context.Context) int {
	return kit.DrainDue(ctx, r.Lease, storage.ErrNoReminderDue, r.log(), "event reminder",
		func(ctx context.Context, skip []int64) (kit.Claimed, error) {
			rem, err := r.Store.SendDueReminder(ctx, r.Now(), skip, r.Lease, r.send)
			if rem == nil {
				return kit.Claimed{}, err
			}
			if err == nil {
				r.log().Info("reminder sent", "reminder_id", rem.ID, "event_id", rem.Event.ID, "kind", rem.Kind)
			}
			return kit.Claimed{ID: rem.ID, Sent: err == nil}, err
		})
}

// send delivers one reminder. A chat that blocked the bot, or a message
// Telegram refuses, counts as done: retrying cannot help.
func (r *Reminders) send(ctx context.Context, rem *storage.DueReminder) error {
	format := msgReminderHours
	if rem.Kind == storage.ReminderDayBefore {
		format = msgReminderDay
	}
	msg := tgbotapi.NewMessage(rem.ChatID, fmt.Sprintf(format, eventCard(&rem.Event, false)))
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	_, err := r.Sender.Send(bot.WithPriority(ctx, bot.PriorityBulk), msg)
	if bot.IsBlocked(err) || bot.IsBadRequest(err) {
		r.log().Warn("reminder not deliverable", "reminder_id", rem.ID, "chat_id", rem.ChatID, "error", err)
		return nil
	}
	return err
}

func (r *Reminders) log() *slog.Logger {
	if r.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Logger
}

// Package nudge is the gentle nudge of PilarBot: a verified volunteer
// who has sent no report for NUDGE_AFTER (30 days; counted from the
// verification for a newer one) gets one friendly reminder with /lapor,
// at most once in that time, and only in the daytime. Volunteers who are
// waiting for verification, were rejected, erased their data or blocked
// the bot get nothing.
//
// The schedule is the morning digest's (handlers/digest): one row a
// volunteer and day in Postgres, claimed with FOR UPDATE SKIP LOCKED and
// marked done in the transaction that sends it (storage.SendDueNudge), so
// restarts and several instances send each nudge once.
package nudge

import (
	"context"
	"time"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Nudges go out between 08.00 and 20.00 WIB: a reminder is not worth
// waking anyone for. One due in the night waits for the morning.
const (
	fromHour  = 8
	untilHour = 20
)

// Config holds the room's settings; values come from app.Defaults and are
// never defaulted again here.
type Config struct {
	// After is how long a volunteer stays without a report before the
	// nudge, and the least time between two nudges.
	After time.Duration
	// Lease (required) bounds how long an instance that went silent in
	// the middle of a send keeps others from its nudge.
	Lease time.Duration
}

// Room sends the nudges. It has no commands: it runs beside the poller,
// as the digest does.
type Room struct {
	*kit.Env
	cfg Config
}

// New returns the room.
func New(env *kit.Env, cfg Config) *Room {
	return &Room{Env: env, cfg: cfg}
}

// Run sends the due nudges every interval until ctx is cancelled.
func (r *Room) Run(ctx context.Context, every time.Duration) {
	kit.Every(ctx, every, func(ctx context.Context) { r.Tick(ctx) })
}

// Tick, in the daytime, makes the nudges of the quiet volunteers due and
// sends each one due; it returns how many went out. A nudge whose send
// fails stays due for the next tick.
func (r *Room) Tick(ctx context.Context) int {
	now := r.Now()
	if h := now.In(domain.WIB).Hour(); h < fromHour || h >= untilHour {
		return 0
	}
	if err := r.Store.ScheduleNudges(ctx, now, r.cfg.After); err != nil {
		if ctx.Err() == nil {
			r.Log.Error("scheduling the nudges failed", "error", err)
		}
		return 0
	}
	return kit.DrainDue(ctx, r.cfg.Lease, storage.ErrNoNudgeDue, r.Log, "nudge",
		func(ctx context.Context, skip []int64) (kit.Claimed, error) {
			n, err := r.Store.SendDueNudge(ctx, now, r.cfg.After, skip, r.cfg.Lease, r.deliver)
			if n == nil {
				return kit.Claimed{}, err
			}
			if err == nil && n.Sent {
				r.Log.Info("nudge sent", "volunteer_id", n.VolunteerID)
			}
			return kit.Claimed{ID: n.VolunteerID, Sent: n.Sent}, err
		})
}

// deliver sends the nudge, at bulk priority (it waits behind replies).
// A volunteer who blocked the bot, or a message Telegram refuses, counts
// as done: retrying cannot help. A 403 also marks the volunteer
// unreachable, in the client.
func (r *Room) deliver(ctx context.Context, chatID int64) (bool, error) {
	err := r.SendHTML(bot.WithPriority(ctx, bot.PriorityBulk), chatID, msgNudge, nil)
	if bot.IsBlocked(err) || bot.IsBadRequest(err) {
		r.Log.Warn("nudge not deliverable", "chat_id", chatID, "error", err)
		return false, nil
	}
	return err == nil, err
}

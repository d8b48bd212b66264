// Package digest is the morning digest of PilarBot: every day from 08.00
// WIB (DIGEST_AT) each admin and coordinator gets one message with what
// waits in their scope, registrations to verify and reports to review,
// with the commands that open them. Nothing is sent to one for whom
// nothing waits.
//
// The schedule is the reminders' (handlers/events): it lives in Postgres,
// one row a coordinator and day, each claimed with FOR UPDATE SKIP LOCKED
// and marked done in the transaction that sends it
// (storage.SendDueDigest), so restarts and several instances send each
// digest once, and a day the bot starts late is still sent that day.
package digest

import (
	"context"
	"fmt"
	"html"
	"strings"
	"time"

	"pilarbot/bot"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// Config holds the room's settings; values come from app.Defaults and are
// never defaulted again here.
type Config struct {
	// At is the WIB time of day, as the time since midnight, from which
	// the day's digest is due.
	At time.Duration
	// Lease (required) bounds how long an instance that went silent in
	// the middle of a send keeps others from its digest; a send gets two
	// thirds of it (storage.SendDueDigest).
	Lease time.Duration
}

// Room sends the morning digests. It has no commands: it runs beside the
// poller, as the reminders do.
type Room struct {
	*kit.Env
	cfg Config
}

// New returns the room.
func New(env *kit.Env, cfg Config) *Room {
	return &Room{Env: env, cfg: cfg}
}

// Run sends the due digests every interval until ctx is cancelled.
func (r *Room) Run(ctx context.Context, every time.Duration) {
	kit.Every(ctx, every, func(ctx context.Context) { r.Tick(ctx) })
}

// Tick makes today's digests due once their time has come, for every
// admin and coordinator, then sends each one due and returns how many
// messages went out. A digest whose send fails stays due for the next
// tick.
func (r *Room) Tick(ctx context.Context) int {
	now := r.Now()
	if now.Before(r.dueAt(now)) {
		return 0
	}
	ids, err := r.CoordinatorIDs(ctx)
	if err == nil {
		err = r.Store.ScheduleDigests(ctx, now, ids)
	}
	if err != nil {
		if ctx.Err() == nil {
			r.Log.Error("scheduling the morning digests failed", "error", err)
		}
		return 0
	}
	return kit.DrainDue(ctx, r.cfg.Lease, storage.ErrNoDigestDue, r.Log, "morning digest",
		func(ctx context.Context, skip []int64) (kit.Claimed, error) {
			d, err := r.Store.SendDueDigest(ctx, now, skip, r.cfg.Lease, r.deliver)
			if d == nil {
				return kit.Claimed{}, err
			}
			if err == nil && d.Sent {
				r.Log.Info("morning digest sent", "coordinator", d.TelegramID)
			}
			return kit.Claimed{ID: d.TelegramID, Sent: d.Sent}, err
		})
}

// dueAt is when the digest of now's WIB day falls due.
func (r *Room) dueAt(now time.Time) time.Time {
	n := now.In(domain.WIB)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, domain.WIB).Add(r.cfg.At)
}

// deliver sends the digest of the coordinator id when something waits in
// their scope, and reports whether a message went out. One who is no
// longer a coordinator gets nothing. A coordinator who blocked the bot, or
// a message Telegram refuses, counts as done: retrying cannot help.
func (r *Room) deliver(ctx context.Context, id int64) (bool, error) {
	role, err := r.UserRole(ctx, id)
	if err != nil || !kit.Allows(role, domain.RoleCoordinator) {
		return false, err
	}
	scope, err := r.UserScope(ctx, id)
	if err != nil {
		return false, err
	}
	registrations, err := r.Store.CountPendingVolunteers(ctx, scope)
	if err != nil {
		return false, err
	}
	reports, err := r.Store.CountReviewQueue(ctx, scope, id)
	if err != nil || registrations == 0 && reports == 0 {
		return false, err
	}
	text := digestText(r.Now(), scope, registrations, reports)
	err = r.SendHTML(bot.WithPriority(ctx, bot.PriorityBulk), id, text, nil)
	if bot.IsBlocked(err) || bot.IsBadRequest(err) {
		r.Log.Warn("morning digest not deliverable", "coordinator", id, "error", err)
		return false, nil
	}
	return err == nil, err
}

// digestText is the digest (HTML): the greeting of the hour, the scope,
// and a line for each kind of work that waits.
func digestText(now time.Time, scope storage.Scope, registrations, reports int) string {
	var b strings.Builder
	fmt.Fprintf(&b, msgDigestHead, greeting(now), html.EscapeString(kit.ScopeLabel(scope)))
	if registrations > 0 {
		b.WriteString("\n" + fmt.Sprintf(msgDigestRegistrations, kit.FormatInt(registrations)))
	}
	if reports > 0 {
		b.WriteString("\n" + fmt.Sprintf(msgDigestReports, kit.FormatInt(reports)))
	}
	return b.String()
}

// greeting is the Indonesian greeting of the WIB hour of t.
func greeting(t time.Time) string {
	switch h := t.In(domain.WIB).Hour(); {
	case h < 4:
		return greetEvening
	case h < 11:
		return greetMorning
	case h < 15:
		return greetMidday
	case h < 18:
		return greetAfternoon
	default:
		return greetEvening
	}
}

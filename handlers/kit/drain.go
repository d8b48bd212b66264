package kit

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// Claimed is what one claim-send-mark step of a durable schedule did.
type Claimed struct {
	ID   int64 // the row claimed (reminder, coordinator, volunteer); 0 when none was
	Sent bool  // a message went out
}

// DrainDue sends what a durable schedule (event reminders, morning
// digests, nudges) has due: it runs step, one claim-send-mark in one
// transaction, until step returns noneDue or ctx ends, and returns how
// many messages went out.
//
// Each step runs to its end even when the bot is stopping: cut short after
// Telegram accepted the message, the mark would roll back and the message
// would go out twice. It ends within two thirds of lease, before Postgres
// ends the session. A row whose send failed is skipped for the rest of the
// drain and stays due for the next tick; what is the row's name in the log.
func DrainDue(ctx context.Context, lease time.Duration, noneDue error, log *slog.Logger, what string,
	step func(ctx context.Context, skip []int64) (Claimed, error)) int {
	var skip []int64
	sent := 0
	for ctx.Err() == nil {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lease*2/3)
		c, err := step(sctx, skip)
		cancel()
		switch {
		case errors.Is(err, noneDue):
			return sent
		case err != nil && c.ID != 0:
			log.Warn("sending failed; it stays due", "what", what, "id", c.ID, "error", err)
			skip = append(skip, c.ID)
		case err != nil:
			if ctx.Err() == nil {
				log.Error("claiming failed", "what", what, "error", err)
			}
			return sent
		case c.Sent:
			sent++
		}
	}
	return sent
}

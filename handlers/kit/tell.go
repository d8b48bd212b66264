package kit

import (
	"context"

	"pilarbot/storage"
)

// TellVolunteer sends v a decision about them: their registration, a
// report of theirs. A volunteer who blocked the bot is marked unreachable
// by the sender; the decision stands anyway, so a failure is only logged.
func (e *Env) TellVolunteer(ctx context.Context, v *storage.Volunteer, text string) {
	if err := e.SendHTML(ctx, v.ChatID, text, nil); err != nil {
		e.Log.Warn("telling volunteer the decision failed", "volunteer_id", v.ID, "error", err)
	}
}

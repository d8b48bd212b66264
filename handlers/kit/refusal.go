package kit

import (
	"errors"

	"pilarbot/storage"
)

// Refusals are what a coordinator reads when the store refused a
// decision: Decided for a case decided already (storage.ErrAlreadyDecided
// or ErrAlreadyReviewed), Gone for a row that is gone, Own for their own
// case. No longer being a coordinator, and a case outside the
// coordinator's scope, read the same everywhere.
type Refusals struct{ Decided, Gone, Own string }

// Of returns the text for err and whether err is such a refusal.
func (t Refusals) Of(err error) (string, bool) {
	switch {
	case errors.Is(err, storage.ErrAlreadyDecided), errors.Is(err, storage.ErrAlreadyReviewed):
		return t.Decided, true
	case errors.Is(err, storage.ErrNotFound):
		return t.Gone, true
	case errors.Is(err, storage.ErrOwnCase):
		return t.Own, true
	case errors.Is(err, storage.ErrNotCoordinator):
		return MsgNoLongerCoord, true
	case errors.Is(err, storage.ErrOutOfScope):
		return MsgOutOfScope, true
	}
	return "", false
}

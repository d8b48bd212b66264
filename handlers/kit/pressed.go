package kit

import (
	"context"
	"errors"

	"pilarbot/storage"
)

// Pressed opens a button handler that acts on one stored row: it checks
// that the data has exactly fields fields after the prefix, reads the id in
// field 1 ("rv:ok:<id>") and loads the row. When answer is not "" the
// button is stale and the handler returns answer as it is: malformed or
// forged data gets MsgButtonExpired, a row that no longer exists gets gone
// and the message loses its buttons.
func Pressed[T any](ctx context.Context, e *Env, r *Request, fields int, load func(context.Context, int64) (T, error), gone string) (row T, answer string, err error) {
	id, ok := r.Data.ID(1)
	if r.Data.Len() != fields || !ok {
		return row, MsgButtonExpired, nil
	}
	row, err = load(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		e.RemoveButtons(ctx, r.Callback)
		return row, gone, nil
	}
	return row, "", err
}

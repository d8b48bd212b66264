package kit

import (
	"context"
	"errors"
	"strconv"
	"time"

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

// doubleTapWindow is how long a second press of the same button on the
// same message counts as a double tap: a cheap phone on a slow network
// sends both before the first press's edit takes the buttons away.
const doubleTapWindow = time.Minute

// FirstPress reports whether r is the first press of its button on its
// message within doubleTapWindow. A handler whose press sends something
// new (a rekap and its chart) answers a second press without doing the
// work again; editing in place needs none of this, as an edit to the same
// content changes nothing. release forgets the press, for a handler that
// failed and may be tried again. When Redis cannot tell, the press counts
// as the first: a rare second rekap beats none.
func (e *Env) FirstPress(ctx context.Context, r *Request) (first bool, release func()) {
	q := r.Callback
	if q == nil || q.Message == nil || q.Message.Chat == nil {
		return true, func() {}
	}
	key := e.Prefix + "press:" + strconv.FormatInt(q.Message.Chat.ID, 10) + ":" + strconv.Itoa(q.Message.MessageID) + ":" + q.Data
	ok, err := e.Redis.SetNX(ctx, key, 1, doubleTapWindow).Result()
	if err != nil {
		return true, func() {}
	}
	return ok, func() { e.Redis.Del(context.WithoutCancel(ctx), key) }
}

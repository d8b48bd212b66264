package handlers

import (
	"context"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"pilarbot/bot"
)

// budget is each user's inbound budget: at most burst updates in a window.
// A client forwarding a hundred messages is an ordinary action, and
// answering each would spend the bot's 30 messages a second on one person.
//
// It lives here, in front of the router, rather than in the bot's poller
// or dispatcher, because what to do beyond the budget is the handlers'
// knowledge: whether the user is in the middle of a flow (whose answers
// must all be handled), what a button press is answered, and what the
// user is told, in Indonesian. The bot layer only bounds what protects
// the bot itself (a chat's queue, the workers; see bot.Poller).
//
// The window is kept in Redis, keyed by user, not in process memory
// (golang.org/x/time/rate): webhook replicas are planned, a user's updates
// may then reach several instances, and the budget and the one notice per
// window must hold for the bot as a whole. For a private chat the queue
// counts it in the step that hands the update out (ReadAhead); only a
// group's updates cost a round trip of their own.
//
// A window opens with the user's first update and lasts window from then
// (the bot's clock, so tests can move past it); the burst+1-th update of a
// window gets the notice, the ones after it nothing. Instances whose
// clocks differ move the end of a window by that much, no more.
type budget struct {
	rdb    redis.UniversalClient
	prefix string
	burst  int
	window time.Duration
	now    func() time.Time
}

// The window is one string key, "<start ms> <updates> <hint sent 0|1>"
// (bot.CountWindowLua), living as long as the window; Lua keeps its read
// and update atomic.

// countScript adds one update to the user's window, opening a new window
// when there is none or it is over, and returns the updates in it.
// KEYS[1]: the user's window; ARGV[1]: now, ARGV[2]: the window, in ms.
// The queue counts a private chat's updates the same way as it hands them
// out (ReadAhead); this script counts the others.
var countScript = redis.NewScript(bot.CountWindowLua + `
return countWindow(KEYS[1], ARGV[1], ARGV[2])
`)

// hintScript marks the window's hint as sent and returns 1 if it was not
// yet. Without a window (the count failed) it returns 1 and marks nothing.
var hintScript = redis.NewScript(bot.CountWindowLua + `
local start, n, hint = parseWindow(KEYS[1])
if start == nil then
  return 1
end
if hint == '1' then
  return 0
end
redis.call('SET', KEYS[1], start .. ' ' .. n .. ' 1', 'KEEPTTL')
return 1
`)

// keyStart begins every user's window key; the user's id follows.
func (b *budget) keyStart() string { return b.prefix + "flood:" }

func (b *budget) key(userID int64) string {
	return b.keyStart() + strconv.FormatInt(userID, 10)
}

// ReadAhead is what the queue should read with each update of a private
// chat for overBudget: the sender's window, counted, and the flow state
// and its marker, in that order. Every update of a private chat then
// counts against the budget (an edit, a block of the bot), where the
// handlers' own count takes only messages and presses: all are the
// sender's inbound updates, and the difference is small.
func (h *Handlers) ReadAhead() *bot.ReadAhead {
	state, marker := h.Engine.StateKeys()
	return &bot.ReadAhead{Count: h.budget.keyStart(), Window: h.budget.window, Keys: []string{state, marker}, Now: h.budget.now}
}

// count adds an update of userID and returns how many its window holds. It
// also queues the update's other first reads (the flow state) in the same
// round trip and returns the context that carries them.
func (b *budget) count(ctx context.Context, userID int64, also func(redis.Pipeliner) context.Context) (context.Context, int64, error) {
	keys, args := []string{b.key(userID)}, []any{b.now().UnixMilli(), b.window.Milliseconds()}
	var n *redis.Cmd
	out := ctx
	_, err := b.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		n = countScript.EvalSha(ctx, p, keys, args...)
		out = also(p)
		return nil
	})
	if err != nil && redis.HasErrorPrefix(n.Err(), "NOSCRIPT") { // Redis restarted: load the script
		c, err := countScript.Run(ctx, b.rdb, keys, args...).Int64()
		return out, c, err
	}
	c, err := n.Int64()
	return out, c, err
}

// firstHint reports whether userID's current window has had no hint yet,
// and records that it has now.
func (b *budget) firstHint(ctx context.Context, userID int64) (bool, error) {
	n, err := hintScript.Run(ctx, b.rdb, []string{b.key(userID)}).Int64()
	return n == 1, err
}

// overBudget counts a message or button press against its sender's
// budget and reports whether it is surplus, already dealt with: a press is
// answered with the notice, so its button stops spinning; the first
// surplus message of the window gets the notice in a private chat, the
// others nothing. The updates of a flow in progress are not surplus: each
// answer (or photo of an album) is handled, one by one, in order. When
// Redis cannot count, the update is let through.
//
// The count goes to Redis in one round trip with the read of the user's
// flow state, which the returned context carries to the router; for a
// private chat the queue did both already, as it handed the update out
// (ReadAhead), and no round trip is left.
func (h *Handlers) overBudget(ctx context.Context, u *tgbotapi.Update) (context.Context, bool) {
	var from *tgbotapi.User
	switch {
	case u.Message != nil:
		from = u.Message.From
	case u.CallbackQuery != nil:
		from = u.CallbackQuery.From
	}
	if from == nil {
		return ctx, false
	}
	var n int64
	var err error
	if a, ok := bot.AheadOf(ctx, from.ID); ok && len(a.Values) == 2 {
		n = a.Count
		if a.Fresh() { // else the first Load reads the state again
			ctx = h.Engine.Prefetched(ctx, from.ID, a.Values[0], a.Values[1] != nil)
		}
	} else {
		ctx, n, err = h.budget.count(ctx, from.ID, func(p redis.Pipeliner) context.Context {
			return h.Engine.Prefetch(ctx, p, from.ID)
		})
	}
	if err != nil {
		h.Log.Warn("counting the user's updates failed", "user_id", from.ID, "error", err)
		return ctx, false
	}
	if n <= int64(h.budget.burst) {
		return ctx, false
	}
	if inFlow, err := h.Engine.InProgress(ctx, from.ID); err != nil || inFlow {
		return ctx, false // an error here is the router's to report
	}
	if q := u.CallbackQuery; q != nil {
		if _, err := h.Send.Request(ctx, tgbotapi.NewCallback(q.ID, msgTooMany)); err != nil {
			h.Log.Warn("answerCallbackQuery failed", "user_id", from.ID, "error", err)
		}
		return ctx, true
	}
	if n == int64(h.budget.burst)+1 {
		h.Log.Info("user over the update budget; dropping the rest of the window", "user_id", from.ID)
		if m := u.Message; m.Chat != nil && m.Chat.IsPrivate() {
			h.tellTooMany(ctx, m.Chat.ID)
		}
	}
	return ctx, true
}

// tellTooMany asks the user to wait. It goes after everyone's replies
// (bulk priority): the notice must not delay anyone but the flooder.
func (h *Handlers) tellTooMany(ctx context.Context, chatID int64) {
	if err := h.SendHTML(bot.WithPriority(ctx, bot.PriorityBulk), chatID, msgTooMany, nil); err != nil {
		h.Log.Warn("flood notice failed", "chat_id", chatID, "error", err)
	}
}

// hintUnknown answers a text the bot does not understand with the hint,
// once per user and budget window: a burst of forwarded messages gets one
// hint, not one each. When Redis cannot tell, the hint is sent.
func (h *Handlers) hintUnknown(ctx context.Context, r *Request) error {
	if first, err := h.budget.firstHint(ctx, r.From.ID); err == nil && !first {
		return nil
	}
	return h.Reply(ctx, r, msgUnknownText)
}

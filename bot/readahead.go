package bot

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// ReadAhead is what a handler reads first for each update of a private
// chat, which the queue's scripts read in the step that hands the update
// out (the claim, the enqueue that claims for this instance, the step
// after the chat's previous update), so that the handler does not spend a
// round trip of its own on it: the sender's window of updates (the flood
// budget's count) and the values of Keys (the flow state). A private
// chat's id is its user's, so the keys are named by the chat: each is a
// whole key's beginning (the prefix included) followed by the chat id, so
// the state and the budget may live under prefixes of their own. Chat 0
// (an update without a chat) and groups get nothing read. Every update of
// a private chat is counted, once (a handed-out update handed out again,
// after a lost answer or a claim given back, is not counted again).
//
// The values are what was stored when the update was handed out. The
// chat's own updates cannot change them meanwhile (they are handled one
// after the other), but another chat's handler can write the same user's
// keys (a flow started from a group's button): so a handler that starts
// long after the read (Ahead.Fresh) reads the values again. A Redis error
// in the read (a key of another type) leaves the update without a
// read-ahead; the handler reads as it would without one.
type ReadAhead struct {
	// Count begins the key of the sender's window: the key is Count
	// followed by the chat id. Each update handed out adds one to it
	// (CountWindowLua); it must not be empty.
	Count  string
	Window time.Duration // of the count
	// Keys begin the keys read with GET, each followed by the chat id.
	// None may be empty or hold "|".
	Keys []string
	Now  func() time.Time // the count's clock; time.Now if nil
}

// arg is the scripts' argument for r: now and the window in ms, the count's
// key, then the keys, joined by "|"; "" for none.
func (r *ReadAhead) arg() string {
	if r == nil || r.Count == "" {
		return ""
	}
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	parts := append([]string{strconv.FormatInt(now().UnixMilli(), 10),
		strconv.FormatInt(r.Window.Milliseconds(), 10), r.Count}, r.Keys...)
	return strings.Join(parts, "|")
}

// Ahead is what was read ahead for one update of chat Chat: Count, the
// updates in the sender's window with this one, and the value of each of
// ReadAhead.Keys in order (nil: no such key), read just before At.
type Ahead struct {
	Chat   int64
	Count  int64
	Values [][]byte
	At     time.Time
}

// aheadFresh is how long after its read an Ahead's values are used. It is
// of the order of what a handler itself takes between reading a state and
// saving it (a reply waiting for its chat's 1 message a second), so the
// read-ahead does not widen the time in which another chat's handler can
// write the same user's state unseen by much.
const aheadFresh = time.Second

// Fresh reports whether a's values were read recently enough to be used;
// Count is right however old a is.
func (a *Ahead) Fresh() bool { return time.Since(a.At) < aheadFresh }

type aheadKey struct{}

// withAhead returns ctx carrying a (nil: ctx itself).
func withAhead(ctx context.Context, a *Ahead) context.Context {
	if a == nil {
		return ctx
	}
	return context.WithValue(ctx, aheadKey{}, a)
}

// AheadOf returns what the queue read ahead for the update ctx handles,
// when it was read for chat (a private chat: its user's id).
func AheadOf(ctx context.Context, chat int64) (*Ahead, bool) {
	a, ok := ctx.Value(aheadKey{}).(*Ahead)
	return a, ok && a.Chat == chat
}

// parseAhead reads a script's read-ahead of chat: {} for none, else the
// count, then each key's value or nil.
func parseAhead(v any, chat string) *Ahead {
	vals, _ := v.([]any)
	if len(vals) == 0 {
		return nil
	}
	id, err := strconv.ParseInt(chat, 10, 64)
	n, ok := vals[0].(int64)
	if err != nil || !ok {
		return nil
	}
	a := &Ahead{Chat: id, Count: n, Values: make([][]byte, len(vals)-1), At: time.Now()}
	for i, x := range vals[1:] {
		if s, ok := x.(string); ok {
			a.Values[i] = []byte(s)
		}
	}
	return a
}

// CountWindowLua defines the functions of a sender's window of updates,
// one string "<start ms> <updates> <hint sent 0|1>" living as long as the
// window, so that its format is written once for the queue's read-ahead
// and the handlers' flood budget:
//
//   - parseWindow(key): start, updates, hint of the window at key, or nil;
//   - countWindow(key, now, window), now and window in ms as strings: adds
//     one update to the window, opening a new one when there is none or it
//     is over, and returns the updates in it.
const CountWindowLua = `
local function parseWindow(key)
  return string.match(redis.call('GET', key) or '', '^(%d+) (%d+) (%d)$')
end
local function countWindow(key, now, window)
  local start, n, hint = parseWindow(key)
  if start == nil or tonumber(now) - tonumber(start) >= tonumber(window) then
    redis.call('SET', key, now .. ' 1 0', 'PX', window)
    return 1
  end
  n = tonumber(n) + 1
  redis.call('SET', key, start .. ' ' .. n .. ' ' .. hint, 'KEEPTTL')
  return n
end
`

// luaAhead defines readAhead(chat, id), the read-ahead of a private
// chat's update as parseAhead reads it, from the spec a script sets with
// ahead = parseAheadArg(ARGV[i]) (ReadAhead.arg) before it hands out
// updates. Next to the window, "<count key><chat>:last" holds the newest
// update id counted in it, so an update handed out twice counts once. The
// reads go first: one that fails leaves nothing counted, so the handler's
// own count, without a read-ahead, counts the update once.
const luaAhead = CountWindowLua + `
local ahead = nil
local function parseAheadArg(arg)
  if arg == nil or arg == '' then return nil end
  local parts = {}
  for s in string.gmatch(arg, '[^|]+') do parts[#parts + 1] = s end
  local a = {now = parts[1], window = parts[2], count = parts[3], keys = {}}
  for i = 4, #parts do a.keys[#a.keys + 1] = parts[i] end
  return a
end
local function peekWindow(key, now, window)
  local start, n = parseWindow(key)
  if start == nil or tonumber(now) - tonumber(start) >= tonumber(window) then return 0 end
  return tonumber(n)
end
local function readAheadOf(chat, id)
  local out = {0}
  for _, k in ipairs(ahead.keys) do out[#out + 1] = redis.call('GET', k .. chat) end
  local key = ahead.count .. chat
  local last = key .. ':last'
  if tonumber(id) > tonumber(redis.call('GET', last) or '0') then
    out[1] = countWindow(key, ahead.now, ahead.window)
    redis.call('SET', last, id, 'PX', ahead.window)
  else
    out[1] = peekWindow(key, ahead.now, ahead.window)
  end
  return out
end
local function readAhead(chat, id)
  if ahead == nil or chat == '0' or string.sub(chat, 1, 1) == '-' then return {} end
  local ok, out = pcall(readAheadOf, chat, id)
  if ok then return out end
  return {}
end
`

package bot

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"
)

// ErrFenced is the error of a fenced write whose token no longer holds
// its lease: another instance polls now, or another worker holds the chat.
var ErrFenced = errors.New("bot: fenced out: another instance holds the lease")

// RedisQueue is the inbox every instance shares: updates received by a
// webhook on any instance or by the one poller wait there, each chat's in
// update_id order, until a worker of some instance claims the chat and
// handles them one by one (Workers). Its keys are RedisInbox's entries
// and index and RedisDeduper's handled ids, so /hapusdata's purge, the
// inbox's expiry and the dedupe of the other paths see the same updates;
// queue_scripts.go describes the rest.
//
// One chat's updates are handled strictly in order, by one worker at a
// time, whatever instance received them: a chat is claimed with a lease
// (its lock holds a fencing token from INCR) and every step of the claim
// (marking an update handled, taking the next) checks the token in the
// same Lua call, so a worker that lost its claim cannot finish an update
// or take another. A claim outlives a dead instance by Lease at most.
type RedisQueue struct {
	RDB        redis.UniversalClient
	Prefix     string
	TTL        time.Duration // an update nobody handled expires after this; DefaultInboxTTL if 0
	MaxPerChat int           // updates one chat may have waiting; more are dropped; 50 if 0
	Lease      time.Duration // a claim's lease; 5 s if 0
	// Fence, when set, must still hold FenceToken for Enqueue to store
	// anything (the poller's lease; see Fenced).
	Fence      string
	FenceToken int64
	// Local, when set, takes chats claimed by Enqueue for this instance's
	// workers (see WithLocal).
	Local *Workers
	// ReadAhead, when set, is read with each update handed out (see
	// ReadAhead) and reaches the handler through its context (AheadOf).
	ReadAhead *ReadAhead
	// Batch, when set, carries the workers' steps (Next, Claim), which
	// every worker takes once an update, in pipelines shared with the
	// other workers' and whatever else uses it (the flow states' saves).
	Batch *RedisBatch
}

var _ Enqueuer = (*RedisQueue)(nil)

// Fenced returns a copy of q whose Enqueue stores nothing unless key still
// holds token, and fails with ErrFenced instead.
func (q *RedisQueue) Fenced(key string, token int64) *RedisQueue {
	c := *q
	c.Fence, c.FenceToken = key, token
	return &c
}

// WithLocal returns a copy of q whose Enqueue claims, in the same round
// trip, as many of the chats it gave work as w has room for, and hands
// them to w: the poller's updates then reach this instance's workers
// without a wake-up through Redis and a claim of their own. Other
// instances are still woken for the chats w had no room for.
func (q *RedisQueue) WithLocal(w *Workers) *RedisQueue {
	c := *q
	c.Local = w
	return &c
}

// run runs a worker's step, through Batch when there is one.
func (q *RedisQueue) run(ctx context.Context, script *redis.Script, args ...any) *redis.Cmd {
	if q.Batch == nil {
		return script.Run(ctx, q.RDB, nil, args...)
	}
	return q.Batch.Run(ctx, script, args...)
}

func (q *RedisQueue) ttl() time.Duration   { return cmp.Or(q.TTL, DefaultInboxTTL) }
func (q *RedisQueue) lease() time.Duration { return cmp.Or(q.Lease, 5*time.Second) }

// Enqueue stores the updates and queues each behind the earlier updates of
// its chat, in one round trip. An update handled before, or waiting
// already, is a Duplicate; one beyond MaxPerChat is Dropped.
func (q *RedisQueue) Enqueue(ctx context.Context, ups []Incoming) ([]Admission, error) {
	adm, _, err := q.EnqueueBatch(ctx, ups)
	return adm, err
}

// EnqueueBatch is Enqueue that also returns the backlog after the batch
// (see Backlog), measured in the same round trip.
func (q *RedisQueue) EnqueueBatch(ctx context.Context, ups []Incoming) ([]Admission, int, error) {
	if len(ups) == 0 {
		return nil, 0, nil
	}
	room := q.Local.room()
	args := make([]any, 0, 8+3*len(ups))
	token := ""
	if q.Fence != "" {
		token = strconv.FormatInt(q.FenceToken, 10)
	}
	args = append(args, q.Prefix, q.ttl().Milliseconds(), cmp.Or(q.MaxPerChat, 50), q.Fence, token,
		q.lease().Milliseconds(), room, q.ReadAhead.arg())
	for _, u := range ups {
		args = append(args, strconv.Itoa(u.ID), strconv.FormatInt(u.Chat, 10), []byte(u.Raw))
	}
	asked := time.Now()
	res, err := enqueueScript.Run(ctx, q.RDB, nil, args...).Slice()
	if err == nil && (len(res) < len(ups)+1 || (len(res)-len(ups)-1)%claimedLen != 0) {
		err = fmt.Errorf("%d answers for %d updates", len(res), len(ups))
	}
	if err != nil {
		return nil, 0, fmt.Errorf("bot: enqueue updates: %w", fenced(err))
	}
	out := make([]Admission, len(ups))
	for i := range out {
		n, _ := res[i].(int64)
		out[i] = Admission(n)
	}
	backlog, _ := res[len(ups)].(int64)
	cs, err := parseClaimed(res[len(ups)+1:])
	if err != nil {
		return out, int(backlog), fmt.Errorf("bot: enqueue updates: %w", err)
	}
	reuseDecoded(cs, ups)
	q.Local.remember(ups, out, cs)
	if len(cs) > 0 {
		q.Local.take(cs, asked)
	}
	return out, int(backlog), nil
}

// claimedLen is the length of a claimed chat's record in a script's
// answer: chat, token, id, raw, read-ahead.
const claimedLen = 5

// parseClaimed reads the record of each chat a script claimed.
func parseClaimed(res []any) ([]claimed, error) {
	cs := make([]claimed, 0, len(res)/claimedLen)
	for i := 0; i+claimedLen <= len(res); i += claimedLen {
		chat, _ := res[i].(string)
		token, _ := res[i+1].(string)
		c, err := parseUpdate(claim{chat: chat, token: token}, res[i+2:i+claimedLen])
		if err != nil {
			return cs, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// parseUpdate reads id, raw, read-ahead of an update of c's chat.
func parseUpdate(c claim, res []any) (claimed, error) {
	idText, _ := res[0].(string)
	raw, _ := res[1].(string)
	id, err := strconv.Atoi(idText)
	if err != nil {
		return claimed{}, fmt.Errorf("claimed chat %q: bad id %q", c.chat, idText)
	}
	return claimed{claim: c, id: id, raw: json.RawMessage(raw), ahead: parseAhead(res[2], c.chat)}, nil
}

// reuseDecoded gives each claimed chat whose first update is one of ups
// that update as its caller decoded it, so that the worker does not
// decode it again. The claimed update may be an older one of the chat,
// or a copy stored earlier under the same id: only an update of the same
// chat and id whose raw JSON is exactly the one decoded is given its
// decoding. A script claims a chat once, so no decoding goes to two
// handlers.
func reuseDecoded(cs []claimed, ups []Incoming) {
	for i := range cs {
		chat, err := strconv.ParseInt(cs[i].chat, 10, 64)
		if err != nil {
			continue
		}
		for _, u := range ups {
			if u.Update != nil && u.ID == cs[i].id && u.Chat == chat && bytes.Equal(u.Raw, cs[i].raw) {
				cs[i].u = u.Update
				break
			}
		}
	}
}

// Adopt queues what the inbox holds but no chat queue does: updates an
// earlier version stored, or RedisInbox.Put did. Every instance calls it
// at start; it changes nothing for an update already queued or handled.
func (q *RedisQueue) Adopt(ctx context.Context) (int, error) {
	inbox := &RedisInbox{RDB: q.RDB, Prefix: q.Prefix, TTL: q.TTL}
	raws, err := inbox.Pending(ctx)
	if err != nil || len(raws) == 0 {
		return 0, err
	}
	args := []any{q.Prefix}
	for _, r := range decodeBatch(raws, slog.New(slog.DiscardHandler)) {
		if r.u != nil {
			args = append(args, strconv.Itoa(r.id), strconv.FormatInt(ChatKey(r.u), 10))
		}
	}
	n, err := adoptScript.Run(ctx, q.RDB, nil, args...).Int()
	if err != nil {
		return 0, fmt.Errorf("bot: adopt inbox updates: %w", err)
	}
	return n, nil
}

// claim is one chat held by this instance's worker.
type claim struct {
	chat  string
	token string
}

// claimed is a chat just claimed, with its first update to handle.
type claimed struct {
	claim
	id  int
	raw json.RawMessage
	u   *tgbotapi.Update // raw decoded, when the enqueue that claimed it had it
	// ahead is what the script read ahead for the update (ReadAhead).
	ahead *Ahead
}

// Claim claims up to n chats with work whose claim is free (never taken,
// given up, or whose lease ran out), the longest waiting first, and
// returns each with its first update, in the same round trip. A chat
// whose waiting updates all expired or were handled meanwhile is given
// up again and not returned. more reports that n chats were ready, so
// that more may be: with fewer, a worker can wait for a wake-up.
func (q *RedisQueue) Claim(ctx context.Context, n int) (cs []claimed, more bool, err error) {
	res, err := q.run(ctx, claimScript, q.Prefix, q.lease().Milliseconds(), n, q.ReadAhead.arg()).Slice()
	if err == nil && len(res)%claimedLen != 1 {
		err = fmt.Errorf("%d answers", len(res))
	}
	if err == nil {
		cs, err = parseClaimed(res[:len(res)-1])
	}
	if err != nil {
		return cs, false, fmt.Errorf("bot: claim chats: %w", err)
	}
	return cs, res[len(res)-1] == "1", nil
}

// Next marks the update done (0: none yet) handled and returns the
// claimed chat's next update, alone and under c's claim. When the
// chat has none left, the claim is given up and, with handOn > 0, up to
// handOn other chats with work are claimed as Claim would and returned
// with their first updates; none when there are none. ErrFenced means the
// claim was lost.
func (q *RedisQueue) Next(ctx context.Context, c claim, done, handOn int) ([]claimed, error) {
	doneArg := ""
	if done != 0 {
		doneArg = strconv.Itoa(done)
	}
	res, err := q.run(ctx, nextScript, q.Prefix, c.chat, c.token, doneArg,
		DefaultDedupTTL.Milliseconds(), q.lease().Milliseconds(), handOn, q.ReadAhead.arg()).Slice()
	switch {
	case err != nil:
		return nil, fmt.Errorf("bot: next update of chat %s: %w", c.chat, fenced(err))
	case len(res) == claimedLen-2:
		next, err := parseUpdate(c, res)
		if err != nil {
			return nil, fmt.Errorf("bot: next update of chat %s: %w", c.chat, err)
		}
		return []claimed{next}, nil
	case len(res) > 0 && len(res)%claimedLen == 1:
		cs, err := parseClaimed(res[1:])
		if err != nil {
			return nil, fmt.Errorf("bot: claim chats after chat %s: %w", c.chat, err)
		}
		return cs, nil
	case len(res) == 0:
		return nil, nil
	}
	return nil, fmt.Errorf("bot: next update of chat %s: %d answers", c.chat, len(res))
}

// Renew extends the claims in one round trip and returns those lost.
func (q *RedisQueue) Renew(ctx context.Context, cs []claim) ([]claim, error) {
	if len(cs) == 0 {
		return nil, nil
	}
	args := make([]any, 0, 2+2*len(cs))
	args = append(args, q.Prefix, q.lease().Milliseconds())
	for _, c := range cs {
		args = append(args, c.chat, c.token)
	}
	nums, err := renewClaimsScript.Run(ctx, q.RDB, nil, args...).Int64Slice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("bot: renew claims: %w", err)
	}
	var lost []claim
	for _, n := range nums {
		if n >= 1 && int(n) <= len(cs) {
			lost = append(lost, cs[n-1])
		}
	}
	return lost, nil
}

// Release gives a claim up before its chat is done, so that another
// worker takes the chat at once instead of after the lease.
func (q *RedisQueue) Release(ctx context.Context, c claim) error {
	if err := releaseClaimScript.Run(ctx, q.RDB, nil, q.Prefix, c.chat, c.token).Err(); err != nil {
		return fmt.Errorf("bot: release chat %s: %w", c.chat, err)
	}
	return nil
}

// Wait blocks until an update may be waiting for a worker, or at most d.
func (q *RedisQueue) Wait(ctx context.Context, d time.Duration) error {
	// BLPOP takes fractions of a second (Redis 6+); go-redis's BLPop
	// would round them up to 1 s.
	secs := strconv.FormatFloat(max(d.Seconds(), 0.01), 'f', 3, 64)
	err := q.RDB.Do(ctx, "BLPOP", q.Prefix+"chat:wake", secs).Err()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}

// Backlog is the number of chats with updates waiting or being handled.
func (q *RedisQueue) Backlog(ctx context.Context) (int, error) {
	n, err := q.RDB.ZCard(ctx, q.Prefix+"chat:ready").Result()
	return int(n), err
}

// fenced turns the scripts' fencing error into ErrFenced.
func fenced(err error) error {
	var re redis.Error // Redis 7 puts "ERR " in front of the scripts' error
	if errors.As(err, &re) && strings.HasSuffix(re.Error(), fencedReply) {
		return ErrFenced
	}
	return err
}

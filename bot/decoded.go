package bot

import (
	"bytes"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// decodedRingSize is how many of the poller's decodings a running Workers
// keeps. An update waits in Redis until a worker takes it; in a busy
// instance every chat with work has one waiting (at 400 chats in the load
// command, 400 at once, each for about 150 ms), so the ring must hold more
// than that: with 256 two thirds of the updates had been pushed out by the
// time their worker came, with 1,024 under 1 %. What bounds its memory is
// the count: an entry nobody here takes (another instance handled the
// update, or a worker took it from Redis before the poller put it) stays
// until it is pushed out, whatever its size. A /daftar answer with its
// decoding is about 2.5 KB, so 2.5 MB when full; the longest message
// Telegram sends (4,096 characters, entities, a quoted reply) a few times
// that. The load command's peak RSS did not move.
const decodedRingSize = 1024

// decodedRing keeps the poller's decoding of the updates it queued, so
// that the worker that takes one from Redis does not decode it again. An
// update that arrives while its chat is busy (a volunteer's answer while
// the bot finishes the last one) is queued behind the chat's others, and
// its worker takes it with the step that finishes the one before
// (RedisQueue.Next), as raw JSON: decoding it again was about 4 % of the
// CPU of an update at 400 chats. The oldest entries make room for new
// ones, so updates that another instance handles, or none, cost nothing
// but their slot.
type decodedRing struct {
	mu   sync.Mutex
	next int
	slot map[int]int // update id → index in ups
	ups  [decodedRingSize]Incoming
}

func newDecodedRing() *decodedRing { return &decodedRing{slot: map[int]int{}} }

// put keeps in's decoding, in place of the oldest entry.
func (r *decodedRing) put(in Incoming) {
	if in.Update == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if old := r.ups[r.next]; old.Update != nil && r.slot[old.ID] == r.next {
		delete(r.slot, old.ID)
	}
	if i, ok := r.slot[in.ID]; ok { // the same id again: the newer copy wins
		r.ups[i] = Incoming{}
	}
	r.ups[r.next] = in
	r.slot[in.ID] = r.next
	r.next = (r.next + 1) % decodedRingSize
}

// take returns, once, the decoding of the update with this id, chat and
// raw JSON, or nil: only the bytes that were decoded get their decoding
// (a copy stored under the same id by another instance may differ).
func (r *decodedRing) take(id int, chat int64, raw []byte) *tgbotapi.Update {
	r.mu.Lock()
	i, ok := r.slot[id]
	if !ok {
		r.mu.Unlock()
		return nil
	}
	in := r.ups[i]
	delete(r.slot, id)
	r.ups[i] = Incoming{}
	r.mu.Unlock()
	if in.Chat != chat || !bytes.Equal(in.Raw, raw) {
		return nil
	}
	return in.Update
}

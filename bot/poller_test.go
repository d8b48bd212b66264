package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// memSource is an in-memory UpdateSource with Telegram's offset rules.
type memSource struct {
	mu        sync.Mutex
	updates   []json.RawMessage
	ids       []int
	confirmed int // every id below this was confirmed
	polled    chan struct{}
}

func (s *memSource) add(id int, raw string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append(s.updates, json.RawMessage(raw))
	s.ids = append(s.ids, id)
}

func (s *memSource) GetUpdates(ctx context.Context, offset, limit int, _ []string) ([]json.RawMessage, error) {
	s.mu.Lock()
	if offset > s.confirmed {
		s.confirmed = offset
	}
	var out []json.RawMessage
	for i, id := range s.ids {
		if id >= s.confirmed && len(out) < limit {
			out = append(out, s.updates[i])
		}
	}
	s.mu.Unlock()
	if len(out) > 0 {
		return out, nil
	}
	select {
	case s.polled <- struct{}{}:
	default:
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(20 * time.Millisecond):
		return nil, nil
	}
}

func (s *memSource) ConfirmUpdates(_ context.Context, offset int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if offset > s.confirmed {
		s.confirmed = offset
	}
	return nil
}

type memDedup struct {
	mu   sync.Mutex
	seen map[int]bool
}

func (d *memDedup) Seen(_ context.Context, id int) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.seen[id], nil
}

func (d *memDedup) Mark(_ context.Context, id int) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.seen[id] = true
	return nil
}

func msgUpdate(id int, chat int64, text string) string {
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":0,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"x"},"text":%q}}`, id, id, chat, chat, text)
}

func TestPollerOrdersPerChatSkipsBadUpdatesAndConfirms(t *testing.T) {
	src := &memSource{polled: make(chan struct{}, 1)}
	const chats, perChat = 8, 25
	id := 1
	for i := range perChat {
		for c := range chats {
			src.add(id, msgUpdate(id, int64(100+c), fmt.Sprint(i)))
			id++
		}
	}
	// An update the library cannot decode must be skipped, not retried.
	src.add(id, fmt.Sprintf(`{"update_id":%d,"message":{"chat":"not an object"}}`, id))
	last := id

	var mu sync.Mutex
	got := map[int64][]string{}
	running := map[int64]bool{}
	overlap := false
	p := &Poller{
		Source: src,
		Dedup:  &memDedup{seen: map[int]bool{}},
		Limit:  30,
		Handler: func(ctx context.Context, u *tgbotapi.Update) {
			c := u.Message.Chat.ID
			mu.Lock()
			if running[c] {
				overlap = true
			}
			running[c] = true
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			running[c] = false
			got[c] = append(got[c], u.Message.Text)
			mu.Unlock()
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	<-src.polled // everything was handed out and the poller waits for more
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if overlap {
		t.Fatal("two updates of one chat ran at the same time")
	}
	for c := range chats {
		list := got[int64(100+c)]
		if len(list) != perChat {
			t.Fatalf("chat %d got %d updates, want %d", c, len(list), perChat)
		}
		for i, text := range list {
			if text != fmt.Sprint(i) {
				t.Fatalf("chat %d update %d = %s: out of order", c, i, text)
			}
		}
	}
	if src.confirmed != last+1 {
		t.Fatalf("confirmed offset %d, want %d", src.confirmed, last+1)
	}
}

func TestPollerSkipsHandledUpdates(t *testing.T) {
	src := &memSource{polled: make(chan struct{}, 1)}
	src.add(1, msgUpdate(1, 7, "a"))
	src.add(2, msgUpdate(2, 7, "b"))
	dd := &memDedup{seen: map[int]bool{1: true}}
	var handled []string
	p := &Poller{Source: src, Dedup: dd, Handler: func(_ context.Context, u *tgbotapi.Update) {
		handled = append(handled, u.Message.Text)
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	<-src.polled
	cancel()
	<-done
	if fmt.Sprint(handled) != "[b]" || !dd.seen[2] {
		t.Fatalf("handled %v, dedup %v; want only the new update, then remembered", handled, dd.seen)
	}
}

func TestDispatcherBoundsConcurrency(t *testing.T) {
	d := NewDispatcher(3, 10)
	var mu sync.Mutex
	active, peak := 0, 0
	for i := range 30 {
		d.Submit(context.Background(), int64(i), func(context.Context) {
			mu.Lock()
			active++
			peak = max(peak, active)
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
			mu.Lock()
			active--
			mu.Unlock()
		})
	}
	d.Wait()
	if peak > 3 || peak < 2 {
		t.Fatalf("peak concurrency %d, want at most 3 (and some parallelism)", peak)
	}
}

// memInbox is an in-memory Inbox.
type memInbox struct {
	mu sync.Mutex
	m  map[int]json.RawMessage
}

func (b *memInbox) Put(_ context.Context, ups map[int]json.RawMessage) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, raw := range ups {
		b.m[id] = raw
	}
	return nil
}

func (b *memInbox) Done(_ context.Context, id int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.m, id)
	return nil
}

func (b *memInbox) Pending(_ context.Context) ([]json.RawMessage, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ids := make([]int, 0, len(b.m))
	for id := range b.m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []json.RawMessage
	for _, id := range ids {
		out = append(out, b.m[id])
	}
	return out, nil
}

func (b *memInbox) ids() []int {
	b.mu.Lock()
	defer b.mu.Unlock()
	var ids []int
	for id := range b.m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// TestPollerWithInboxDoesNotLetOneChatBlockOthers: a chat whose handler
// hangs does not hold up other chats; at shutdown the hanging and queued
// updates stay in the inbox (while Telegram is told they are confirmed)
// and the next run handles them first, in order.
func TestPollerWithInboxDoesNotLetOneChatBlockOthers(t *testing.T) {
	src := &memSource{polled: make(chan struct{}, 1)}
	src.add(1, msgUpdate(1, 10, "a1"))
	src.add(2, msgUpdate(2, 10, "a2"))
	for i := 3; i <= 7; i++ {
		src.add(i, msgUpdate(i, 20, fmt.Sprint("b", i)))
	}
	inbox := &memInbox{m: map[int]json.RawMessage{}}
	bDone := make(chan string, 10)
	p := &Poller{
		Source: src, Inbox: inbox, Dedup: &memDedup{seen: map[int]bool{}}, Grace: 100 * time.Millisecond,
		Handler: func(ctx context.Context, u *tgbotapi.Update) {
			if u.Message.Chat.ID == 10 {
				<-ctx.Done() // hangs until the shutdown cancels it
				return
			}
			bDone <- u.Message.Text
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	for range 5 {
		select {
		case <-bDone:
		case <-time.After(5 * time.Second):
			t.Fatal("chat 20 was held up by chat 10")
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not return after the grace period")
	}
	if got := fmt.Sprint(inbox.ids()); got != "[1 2]" {
		t.Fatalf("inbox after shutdown = %s, want the unfinished [1 2]", got)
	}
	if src.confirmed != 8 {
		t.Fatalf("confirmed offset %d, want 8 (everything is safe in the inbox)", src.confirmed)
	}

	var order []string
	p2 := &Poller{Source: &memSource{polled: make(chan struct{}, 1)}, Inbox: inbox, Dedup: p.Dedup,
		Handler: func(_ context.Context, u *tgbotapi.Update) { order = append(order, u.Message.Text) }}
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { done <- p2.Run(ctx2) }()
	for deadline := time.Now().Add(5 * time.Second); len(inbox.ids()) > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	cancel2()
	<-done
	if fmt.Sprint(order) != "[a1 a2]" || len(inbox.ids()) != 0 {
		t.Fatalf("next run handled %v, inbox %v; want [a1 a2] and empty", order, inbox.ids())
	}
}

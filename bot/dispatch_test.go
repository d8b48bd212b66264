package bot

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// runPoller runs p until the test ends.
func runPoller(t *testing.T, p *Poller) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

// waitChan waits for one value from ch, failing the test after 10 s.
func waitChan[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// TestWorkerSlotIsFreeWhileASendWaits: with one worker, a chat whose
// handler sends six messages in a row (about a second at 5 a second) does
// not hold that worker while its sends wait for the chat's limit: a chat
// that writes meanwhile is answered first.
func TestWorkerSlotIsFreeWhileASendWaits(t *testing.T) {
	f := newFakeAPI(t, nil)
	c := newTestClient(t, f, ClientConfig{Limits: Limits{Global: 1000, PerChat: 5, PerChatBurst: 1}})
	src := &memSource{polled: make(chan struct{}, 1)}
	src.add(1, msgUpdate(1, 10, "busy"))
	finished := make(chan int64, 2)
	runPoller(t, &Poller{Source: src, Inbox: &memInbox{m: map[int]json.RawMessage{}}, Workers: 1, Handler: func(ctx context.Context, u *tgbotapi.Update) {
		chat, sends := u.Message.Chat.ID, 1
		if chat == 10 {
			sends = 6
			src.add(2, msgUpdate(2, 20, "calm")) // arrives while chat 10 runs
		}
		for range sends {
			if _, err := c.Send(ctx, tgbotapi.NewMessage(chat, "x")); err != nil {
				t.Error(err)
			}
		}
		finished <- chat
	}})
	if first := waitChan(t, finished, "a handler"); first != 20 {
		t.Fatalf("chat %d finished first: the calm chat waited for the busy chat's send limit", first)
	}
	waitChan(t, finished, "the busy chat")
}

// TestPollerBoundsAChatsQueue: of 20 updates a chat sends while its first
// is still being handled, 5 (MaxPerChat) are kept and the rest dropped;
// another chat is served meanwhile, and every update is reported done.
func TestPollerBoundsAChatsQueue(t *testing.T) {
	src := &memSource{polled: make(chan struct{}, 1)}
	for i := 1; i <= 20; i++ {
		src.add(i, msgUpdate(i, 10, "flood"))
	}
	src.add(21, msgUpdate(21, 20, "calm"))
	release := make(chan struct{})
	var mu sync.Mutex
	handled := map[int64]int{}
	reported := make(chan int, 21)
	calm := make(chan struct{})
	runPoller(t, &Poller{Source: src, MaxPerChat: 5, Handled: func(id int) { reported <- id },
		Handler: func(_ context.Context, u *tgbotapi.Update) {
			chat := u.Message.Chat.ID
			if chat == 20 {
				close(calm)
			} else {
				<-release
			}
			mu.Lock()
			handled[chat]++
			mu.Unlock()
		}})
	waitChan(t, calm, "the calm chat to be handled while the other's queue is full")
	close(release)
	for range 21 {
		waitChan(t, reported, "every update to be handled or dropped")
	}
	mu.Lock()
	defer mu.Unlock()
	if handled[10] != 5 || handled[20] != 1 {
		t.Fatalf("handled %v, want 5 of the flooding chat and 1 of the calm one", handled)
	}
}

// TestPollingGoesOnWhileAChatHasABacklog: MaxChats counts chats, so one
// chat with more updates waiting than that does not stop polling.
func TestPollingGoesOnWhileAChatHasABacklog(t *testing.T) {
	src := &memSource{polled: make(chan struct{}, 1)}
	for i := 1; i <= 10; i++ {
		src.add(i, msgUpdate(i, 10, "backlog"))
	}
	release := make(chan struct{})
	defer close(release)
	calm := make(chan struct{})
	var once sync.Once
	runPoller(t, &Poller{Source: src, Inbox: &memInbox{m: map[int]json.RawMessage{}}, MaxChats: 2, Limit: 10,
		Handler: func(_ context.Context, u *tgbotapi.Update) {
			if u.Message.Chat.ID == 20 {
				close(calm)
				return
			}
			once.Do(func() { src.add(11, msgUpdate(11, 20, "calm")) })
			<-release
		}})
	waitChan(t, calm, "the calm chat's update, polled after another chat's backlog")
}

// TestSlotOutlivesItsJob: a goroutine the job started may give back and
// take its slot while the job runs, and after the job ended touches the
// workers no more; the job itself runs without holding one only while a
// call gave it back.
func TestSlotOutlivesItsJob(t *testing.T) {
	d := NewDispatcher(1, 10)
	bg := make(chan context.Context, 1)
	d.Submit(context.Background(), 1, func(ctx context.Context) {
		reacquire := yieldSlot(ctx) // a send in flight
		if len(d.sem) != 0 {
			t.Errorf("the slot was not given back during the call")
		}
		inner := yieldSlot(ctx) // a background notice's send meanwhile
		reacquire()
		if len(d.sem) != 0 {
			t.Errorf("the slot was taken back while another call still waits")
		}
		inner()
		if len(d.sem) != 1 {
			t.Errorf("the slot was not taken back after the last call")
		}
		bg <- ctx
	})
	d.Wait()
	late := yieldSlot(<-bg) // a background goroutine after the job
	late()
	if len(d.sem) != 0 {
		t.Fatalf("%d workers taken after the job ended, want 0", len(d.sem))
	}
	ran := make(chan struct{})
	d.Submit(context.Background(), 2, func(context.Context) { close(ran) })
	waitChan(t, ran, "the next job")
}

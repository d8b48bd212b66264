package apptest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"pilarbot/bot"
	"pilarbot/handlers/app"
)

// PostWebhook posts a raw update to the webhook of the instance at addr
// as Telegram does, and returns the HTTP status.
func PostWebhook(addr, secret string, raw []byte) (int, error) {
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+app.WebhookPath, strings.NewReader(string(raw)))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(bot.SecretHeader, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// WebhookLoad plays Telegram delivering to several instances behind a
// load balancer: each chat's updates in order, the next after the last
// was answered 200, the chats interleaved at random, each request to a
// random instance (one that does not answer 200 is retried on another),
// at most MaxConnections requests at once, and a share of the updates
// posted twice, as Telegram does when an answer is lost.
type WebhookLoad struct {
	Addrs          []string
	Chats          []int64
	PerChat        int
	FirstID        int                   // update_id of chat 0's first update
	Text           func(c, i int) string // the text of chat c's i-th update
	Twice          float64               // share of updates posted twice
	MaxConnections int                   // default 40, Telegram's default
	// Rate, when above 0, paces the updates (first posts, across all
	// chats) to this many a second; 0 posts them as fast as they are taken.
	Rate float64
	// Posted, when set, is called after each update was taken (200),
	// with the moment its first POST began.
	Posted func(id int, began time.Time)
}

// ID is the update_id of chat c's i-th update.
func (l *WebhookLoad) ID(c, i int) int { return l.FirstID + c*l.PerChat + i }

// Run posts every update and returns an error if one was never taken.
func (l *WebhookLoad) Run() error {
	sem := make(chan struct{}, cmp.Or(l.MaxConnections, 40))
	pace := rate.NewLimiter(rate.Inf, 1)
	if l.Rate > 0 {
		pace = rate.NewLimiter(rate.Limit(l.Rate), 1)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed error
	for _, c := range rand.Perm(len(l.Chats)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range l.PerChat {
				id := l.ID(c, i)
				raw := PrivateUpdate(id, l.Chats[c], fmt.Sprintf("Relawan %d", c), l.Text(c, i))
				_ = pace.Wait(context.Background())
				began := time.Now()
				times := 1
				if rand.Float64() < l.Twice {
					times = 2
				}
				for range times {
					sem <- struct{}{}
					err := l.deliver(raw)
					<-sem
					if err != nil {
						mu.Lock()
						failed = fmt.Errorf("update %d: %w", id, err)
						mu.Unlock()
						return
					}
				}
				if l.Posted != nil {
					l.Posted(id, began)
				}
			}
		}()
	}
	wg.Wait()
	return failed
}

// deliver posts raw to random instances until one answers 200.
func (l *WebhookLoad) deliver(raw []byte) error {
	var last error
	for range 300 {
		code, err := PostWebhook(l.Addrs[rand.N(len(l.Addrs))], WebhookSecret, raw)
		if err == nil && code == http.StatusOK {
			return nil
		}
		last = fmt.Errorf("status %d, %v", code, err)
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("no instance took it: %w", last)
}

// SearchQuery is a /cari query for chat c's i-th update: letters only,
// so that /cari takes it for a name, and the reply ("Tidak ada relawan
// yang cocok dengan …") names it, which shows the order of the replies.
func SearchQuery(c, i int) string {
	return "cek" + strings.Map(func(r rune) rune { return 'a' + r - '0' }, fmt.Sprintf("%03d%02d", c, i))
}

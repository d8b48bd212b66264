package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/redis/go-redis/v9"

	"pilarbot/handlers/app"
	"pilarbot/storage"
	"pilarbot/storage/storagetest"
)

// startPlayground runs the playground the way `pilarbot playground` does,
// on a schema and a Redis prefix of the test's own and a free port, and
// returns the page's URL. seed, when not nil, fills the store first.
func startPlayground(t *testing.T, seed func(*storage.Store)) string {
	t.Helper()
	cfg := app.Defaults()
	cfg.DatabaseURL = storagetest.URL(t)
	cfg.Procs = 0 // the tests share one process: MAX_PROCS is the binary's
	if seed != nil {
		store, err := storage.Open(context.Background(), storage.Config{URL: cfg.DatabaseURL})
		if err != nil {
			t.Fatal(err)
		}
		seed(store)
		store.Close()
	}
	cfg.RedisPrefix = "test:pg:" + randomHex(6) + ":"
	cfg.GlobalRate, cfg.ChatRate, cfg.UserBurst = 1000, 50, 10000
	cfg.PollTimeout = 2 * time.Second
	var logOut io.Writer = io.Discard
	if testing.Verbose() {
		logOut = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(logOut, nil))
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- app.RunPlayground(ctx, cfg, "127.0.0.1:0", log, app.PlaygroundOptions{Ready: func(u string) { ready <- u }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("playground stopped with %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("playground did not stop within 10 s")
		}
		rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
		defer rdb.Close()
		bg := context.Background()
		iter := rdb.Scan(bg, 0, cfg.RedisPrefix+"*", 1000).Iterator()
		for iter.Next(bg) {
			rdb.Del(bg, iter.Val())
		}
	})
	select {
	case u := <-ready:
		return u
	case err := <-done:
		t.Fatalf("playground did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatalf("playground did not start within 20 s")
	}
	return ""
}

// chromium finds the browser: $CHROMIUM, else Debian's chromium. A
// missing browser fails the test (CI installs it; see .ci/run).
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatalf("no Chromium for the browser tests: apt-get install -y chromium (or set CHROMIUM to its path)")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns
// a context for chromedp actions, bounded by timeout.
func newBrowser(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	ctx, cancel := context.WithTimeout(bctx, timeout)
	t.Cleanup(func() { cancel(); cancelBrowser(); cancelAlloc() })
	return ctx
}

// page drives the playground page in a browser for a test.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p *page) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v\n%s", what, err, p.dump())
	}
}

// dump is what both panes show, for failure messages.
func (p *page) dump() string {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(p.ctx), 2*time.Second)
	defer cancel()
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.pane')].map(p => p.id + ':\n' + p.innerText).join('\n----\n')`))
	return text
}

// pane returns the CSS selector of the left or right pane.
func pane(side string) string { return "#pane-" + side }

// typeText types text into a pane's input and presses Enter.
func (p *page) typeText(side, text string) {
	p.t.Helper()
	p.run("type "+text, chromedp.SendKeys(chromedp.CSS(pane(side)+" .text-input"), text+kb.Enter))
}

// waitFor waits until a pane's messages show text.
func (p *page) waitFor(side, text string) {
	p.t.Helper()
	js := fmt.Sprintf(`document.querySelector(%q).innerText.includes(%q)`, pane(side)+" .messages", text)
	p.run("wait for "+text+" in the "+side+" pane", ignore(chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))))
}

// tapKey taps a button of the reply keyboard under a pane's input.
func (p *page) tapKey(side, label string) {
	p.t.Helper()
	xp := fmt.Sprintf(`//section[@id='pane-%s']//div[@class='keyboard']//button[normalize-space()=%s]`, side, xpathString(label))
	p.click("tap key "+label, xp)
}

// tapInline taps an inline button under the newest message that shows
// text.
func (p *page) tapInline(side, text, label string) {
	p.t.Helper()
	xp := fmt.Sprintf(`(//section[@id='pane-%s']//div[contains(@class,'row') and .//div[@class='text' and contains(., %s)]]//button[normalize-space()=%s])[last()]`,
		side, xpathString(text), xpathString(label))
	p.click("tap "+label, xp)
}

// open shows a person's chat in a pane.
func (p *page) open(side, name string) {
	p.t.Helper()
	xp := fmt.Sprintf(`//li[contains(@class,'person') and .//span[@class='name' and normalize-space()=%s]]//button[contains(@class,'open-%s')]`,
		xpathString(name), side)
	p.click("open "+name, xp)
	p.run("open "+name, chromedp.WaitVisible(fmt.Sprintf(`//section[@id='pane-%s']//div[@class='pane-title' and normalize-space()=%s]`, side, xpathString(name))))
}

// click clicks the first node of xp as soon as there is one. The page
// redraws lists and keyboards whenever an update arrives, so finding a
// node and clicking it must be one step in the page: a node found by one
// DevTools call can be gone by the next ("Could not find node with given
// id").
func (p *page) click(what, xp string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => {
		const n = document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
		if (!n) return false;
		n.click();
		return true;
	})()`, xp)
	p.run(what, ignore(chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))))
}

// ignore drops an action's value, to run it with others in one Do.
func ignore[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// xpathString quotes s for XPath 1.0, which has no escapes.
func xpathString(s string) string {
	if !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	return `concat('` + strings.ReplaceAll(s, `'`, `', "'", '`) + `')`
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

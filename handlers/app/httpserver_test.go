package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/app"
	"pilarbot/handlers/apptest"
)

// get fetches url and returns the status and the body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read the body: %v", url, err)
	}
	return resp.StatusCode, string(b)
}

type readyz struct {
	Status  string            `json:"status"`
	Failing []string          `json:"failing"`
	Checks  map[string]string `json:"checks"`
}

// waitReady polls /readyz until it answers want, and returns its body.
func waitReady(t *testing.T, h *apptest.Harness, want int) readyz {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := get(t, h.HTTPURL()+"/readyz")
		var r readyz
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("/readyz body is not JSON: %q", body)
		}
		if code == want {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz answered %d %s for 10 s, want %d", code, body, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestReadyzFollowsRedis stops the bot's Redis (a private one: the
// machine's is shared) and starts it again: /healthz stays 200 while
// /readyz turns 503 naming redis, and 200 once it is back.
func TestReadyzFollowsRedis(t *testing.T) {
	t.Parallel()
	rs := apptest.StartRedis(t)
	h := apptest.New(t, func(c *app.Config, _ *telegramtest.Options) { c.RedisURL = rs.URL })

	if code, body := get(t, h.HTTPURL()+"/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Fatalf("/healthz answered %d %q", code, body)
	}
	r := waitReady(t, h, http.StatusOK)
	if r.Status != "ready" || r.Checks["postgres"] != "ok" || r.Checks["redis"] != "ok" || r.Checks["telegram"] != "ok" {
		t.Fatalf("/readyz when ready: %+v", r)
	}

	rs.Kill()
	began := time.Now()
	r = waitReady(t, h, http.StatusServiceUnavailable)
	if !slices.Equal(r.Failing, []string{"redis"}) || r.Status != "unavailable" || r.Checks["redis"] == "ok" {
		t.Fatalf("/readyz with Redis down: %+v, want only redis failing", r)
	}
	if d := time.Since(began); d > 3*time.Second {
		t.Errorf("/readyz took %v to notice Redis was down", d)
	}
	if code, _ := get(t, h.HTTPURL()+"/healthz"); code != http.StatusOK {
		t.Fatalf("/healthz with Redis down answered %d, want 200: the process runs", code)
	}

	rs.Start()
	waitReady(t, h, http.StatusOK)
	// The bot works again, too.
	u := h.TG.NewUser(4601, "Yuni")
	u.SendCommand("/start")
	apptest.Expect(t, u, "Selamat datang")
}

// checkPlaygroundOps checks the playground's one server holds the bot's
// /healthz, /readyz and /metrics beside its page. It runs inside a
// playground test, since each start costs seconds (the demo photos).
func checkPlaygroundOps(t *testing.T, page string) {
	t.Helper()
	if code, _ := get(t, page+"/healthz"); code != http.StatusOK {
		t.Fatalf("playground /healthz answered %d", code)
	}
	if code, body := get(t, page+"/readyz"); code != http.StatusOK {
		t.Fatalf("playground /readyz answered %d %s", code, body)
	}
	if code, body := get(t, page+"/metrics"); code != http.StatusOK || !strings.Contains(body, "pilarbot_build_info") {
		t.Fatalf("playground /metrics answered %d without pilarbot_build_info", code)
	}
}

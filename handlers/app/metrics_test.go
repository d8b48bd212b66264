package app_test

import (
	"bufio"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"pilarbot/handlers/apptest"
)

// scrape reads /metrics into series → value, each series as it is
// written (`name{label="value",...}`).
func scrape(t *testing.T, h *apptest.Harness) (map[string]float64, string) {
	t.Helper()
	code, body := get(t, h.HTTPURL()+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics answered %d", code)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("/metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out, body
}

// TestMetricsMoveWithUpdates drives updates through the bot and checks
// the counters of /metrics move, and that no user id or name appears.
func TestMetricsMoveWithUpdates(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	const userID = 731946285
	u := h.TG.NewUser(userID, "Kurniawati")

	before, _ := scrape(t, h)
	if !hasSeries(before, `pilarbot_build_info{goversion="go`, `,version="`) {
		t.Errorf("/metrics has no pilarbot_build_info with a version")
	}
	for _, name := range []string{
		`pilarbot_inbox_updates`, `pilarbot_outbox_pending_messages`, `pilarbot_reminders_due`,
		`pilarbot_updates_received_total{kind="callback"}`,
	} {
		if _, ok := before[name]; !ok {
			t.Errorf("/metrics has no %s", name)
		}
	}

	// A 429 on the first reply: one flood pause, and the reply still comes.
	h.TG.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", 1)
	u.SendCommand("/start")
	apptest.Expect(t, u, "Selamat datang")
	u.SendCommand("/bantuan")
	m := apptest.Expect(t, u)
	u.SendText("halo")
	h.WaitHandled(u.SendText("apa kabar"))
	id, _ := u.PressForged(m.ID, "rw:1")
	h.WaitHandled(id)
	id, _ = u.PressForged(m.ID, "zz:1") // a prefix the routes table does not have
	h.WaitHandled(id)

	after, body := scrape(t, h)
	moved := func(series string, atLeast float64) {
		t.Helper()
		if d := after[series] - before[series]; d < atLeast {
			t.Errorf("%s moved by %v, want at least %v", series, d, atLeast)
		}
	}
	moved(`pilarbot_updates_received_total{kind="message"}`, 4)
	moved(`pilarbot_updates_received_total{kind="callback"}`, 2)
	moved(`pilarbot_updates_handled_total{kind="message"}`, 4)
	moved(`pilarbot_updates_handled_total{kind="callback"}`, 2)
	moved(`pilarbot_update_handle_duration_seconds_count{command="start"}`, 1)
	moved(`pilarbot_update_handle_duration_seconds_count{command="bantuan"}`, 1)
	moved(`pilarbot_update_handle_duration_seconds_count{command="text"}`, 2)
	moved(`pilarbot_update_handle_duration_seconds_count{command="button:rw"}`, 1)
	moved(`pilarbot_update_handle_duration_seconds_count{command="other"}`, 1)
	moved(`pilarbot_telegram_requests_total{method="sendMessage",result="ok"}`, 3) // one hint for both texts
	moved(`pilarbot_telegram_requests_total{method="sendMessage",result="429"}`, 1)
	moved(`pilarbot_telegram_requests_total{method="getUpdates",result="ok"}`, 1)
	moved(`pilarbot_telegram_requests_total{method="answerCallbackQuery",result="ok"}`, 2)
	moved(`pilarbot_telegram_flood_pauses_total`, 1)
	moved(`pilarbot_telegram_flood_pause_seconds_total`, 1)
	moved(`pilarbot_telegram_limiter_wait_seconds_count{priority="interactive"}`, 3)
	if after[`pilarbot_telegram_last_answer_timestamp_seconds`] <= 0 {
		t.Errorf("no time of Telegram's last answer")
	}
	if v := after[`pilarbot_inbox_updates`]; v != 0 {
		t.Errorf("pilarbot_inbox_updates = %v after every update was handled, want 0", v)
	}

	for _, secret := range []string{strconv.Itoa(userID), "Kurniawati", "halo", "apa kabar"} {
		if strings.Contains(body, secret) {
			t.Errorf("/metrics shows %q, which is the user's", secret)
		}
	}
}

// hasSeries reports whether a series starts with prefix and holds each of
// parts.
func hasSeries(series map[string]float64, prefix string, parts ...string) bool {
	for s := range series {
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		all := true
		for _, p := range parts {
			all = all && strings.Contains(s, p)
		}
		if all {
			return true
		}
	}
	return false
}

package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
)

// TestReceivedKind: the kind of a decoded update is read from it; only
// one the library could not decode is peeked at in its JSON.
func TestReceivedKind(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  string
		u    *tgbotapi.Update
		want string
	}{
		{"a decoded message", `{}`, &tgbotapi.Update{Message: &tgbotapi.Message{}}, kindMessage},
		{"a decoded press", `{}`, &tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{}}, kindCallback},
		{"a decoded member update", `{}`, &tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{}}, kindOther},
		{"an undecodable message", `{"update_id":1,"message":{"date":"x"}}`, nil, kindMessage},
		{"an undecodable press", `{"update_id":1,"callback_query":{"id":7}}`, nil, kindCallback},
		{"not JSON", `{`, nil, kindOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := receivedKind(json.RawMessage(tc.raw), tc.u); got != tc.want {
				t.Errorf("kind %q, want %q", got, tc.want)
			}
		})
	}
}

type fakeEnqueuer struct{ err error }

func (f fakeEnqueuer) Enqueue(_ context.Context, ups []bot.Incoming) ([]bot.Admission, error) {
	if f.err != nil {
		return nil, f.err
	}
	return make([]bot.Admission, len(ups)), nil
}

// TestCountQueuedCountsWhatWasStored: the webhook's updates count as
// received once the queue took them, not when it refused them.
func TestCountQueuedCountsWhatWasStored(t *testing.T) {
	m := newMetrics("test")
	ups := []bot.Incoming{
		{ID: 1, Raw: json.RawMessage(`{}`), Update: &tgbotapi.Update{Message: &tgbotapi.Message{}}},
		{ID: 2, Raw: json.RawMessage(`{"callback_query":{}}`)},
	}
	if _, err := m.CountQueued(fakeEnqueuer{err: errors.New("down")}).Enqueue(context.Background(), ups); err == nil {
		t.Fatal("the refusal was lost")
	}
	if _, err := m.CountQueued(fakeEnqueuer{}).Enqueue(context.Background(), ups); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for kind, want := range map[string]string{kindMessage: "1", kindCallback: "1", kindOther: "0"} {
		line := `pilarbot_updates_received_total{kind="` + kind + `"} ` + want + "\n"
		if !strings.Contains(rec.Body.String(), line) {
			t.Errorf("/metrics lacks %q", line)
		}
	}
}

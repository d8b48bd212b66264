package events_test

import (
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
	"pilarbot/handlers/apptest"
)

// pressAnswer presses the button labelled label on m and checks the
// toast the bot answers with.
func pressAnswer(t testing.TB, u *telegramtest.User, m *telegramtest.Message, label, want string) {
	t.Helper()
	if a := apptest.Press(t, u, m, label); !strings.Contains(a.Text, want) {
		t.Fatalf("pressing %q answered %q, want %q", label, a.Text, want)
	}
}

// withReminderInterval makes the reminder loop look for due reminders
// every d, so that tests moving the clock see them at once.
func withReminderInterval(d time.Duration) apptest.Option {
	return func(c *apptest.Config, _ *telegramtest.Options) { c.ReminderInterval = d }
}

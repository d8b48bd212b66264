package app_test

import (
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/app"
)

// RETENTION defaults to 180 days, reads a duration or off, and refuses
// what would prune the day's own rows or keep nothing worth the name.
func TestRetentionSetting(t *testing.T) {
	c, err := app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc"}))
	if err != nil || c.Retention != 180*24*time.Hour || c.RetentionOff {
		t.Fatalf("default: %v, %v off=%v", err, c.Retention, c.RetentionOff)
	}
	if c, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "RETENTION": "Off"})); err != nil || !c.RetentionOff {
		t.Fatalf("RETENTION=off: %v, %+v", err, c.RetentionOff)
	}
	if c, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "RETENTION": "8760h"})); err != nil || c.Retention != 8760*time.Hour {
		t.Fatalf("RETENTION=8760h: %v, %v", err, c.Retention)
	}
	for _, v := range []string{"1h", "100000h", "setengah tahun"} {
		if _, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "RETENTION": v})); err == nil || !strings.Contains(err.Error(), "RETENTION") {
			t.Errorf("RETENTION=%s: %v", v, err)
		}
	}
}

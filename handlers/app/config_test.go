package app_test

import (
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/app"
	"pilarbot/storage/domain"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// TestLoadConfigDefaults checks that LoadConfig starts from Defaults, the
// one place defaults are written, and that settings override them.
func TestLoadConfigDefaults(t *testing.T) {
	c, err := app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc"}))
	if err != nil {
		t.Fatal(err)
	}
	want := app.Defaults()
	want.Token = "123:abc"
	if c.FlowTTL != want.FlowTTL || c.ReportMaxAgeDays != 30 || c.ReportBBox != domain.PasuruanBBox ||
		c.CheckinRadiusM != 300 || c.ReminderInterval != 30*time.Second || c.BroadcastConcurrency != 8 ||
		c.BroadcastPoll != want.BroadcastPoll || c.Workers != 32 || c.BroadcastLease != 15*time.Second ||
		c.UserBurst != 20 || c.UserWindow != 10*time.Second || c.ChatQueue != 50 ||
		c.DigestAt != 8*time.Hour || c.DigestOff || c.NudgeAfter != 720*time.Hour || c.NudgeOff ||
		c.HTTPAddr != "127.0.0.1:8080" {
		t.Fatalf("defaults not applied: %+v", c)
	}
	c, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "REPORT_MAX_AGE_DAYS": "7",
		"CONVERSATION_TTL": "2h", "CHECKIN_RADIUS_M": "150", "REPORT_BBOX": "-7.7,112.8,-7.5,113", "ADMIN_IDS": "5, 6",
		"USER_BURST": "30", "USER_WINDOW": "1m", "CHAT_QUEUE": "80", "DIGEST_AT": "07.30",
		"HTTP_ADDR": "0.0.0.0:9090"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.ReportMaxAgeDays != 7 || c.FlowTTL != 2*time.Hour || c.CheckinRadiusM != 150 ||
		c.ReportBBox.MaxLon != 113 || len(c.Admins) != 2 || c.Admins[1] != 6 ||
		c.UserBurst != 30 || c.UserWindow != time.Minute || c.ChatQueue != 80 ||
		c.DigestAt != 7*time.Hour+30*time.Minute || c.HTTPAddr != "0.0.0.0:9090" {
		t.Fatalf("settings not read: %+v", c)
	}
	if c, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "DIGEST_AT": "OFF"})); err != nil || !c.DigestOff {
		t.Fatalf("DIGEST_AT=off: %v, %+v", err, c)
	}
	if c.LimitsOff {
		t.Fatal("the flood limits are off by default")
	}
	if c, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "TELEGRAM_LIMITS": "Off"})); err != nil || !c.LimitsOff {
		t.Fatalf("TELEGRAM_LIMITS=off: %v, %+v", err, c)
	}
	if c, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "NUDGE_AFTER": "off"})); err != nil || !c.NudgeOff {
		t.Fatalf("NUDGE_AFTER=off: %v, %+v", err, c)
	}
	if c, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "NUDGE_AFTER": "336h"})); err != nil || c.NudgeAfter != 336*time.Hour {
		t.Fatalf("NUDGE_AFTER=336h: %v, %+v", err, c)
	}
	if _, err = app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "NUDGE_AFTER": "1h"})); err == nil || !strings.Contains(err.Error(), "NUDGE_AFTER") {
		t.Fatalf("NUDGE_AFTER=1h: %v", err)
	}
}

// TestLoadConfigNamesTheBadSetting checks the first bad setting is named
// and the token is never repeated.
func TestLoadConfigNamesTheBadSetting(t *testing.T) {
	for _, tc := range []struct {
		name, key, value string
	}{
		{"duration", "CONVERSATION_TTL", "sehari"},
		{"whole number", "WORKERS", "banyak"},
		{"number", "CHECKIN_RADIUS_M", "dekat"},
		{"out of range", "REPORT_MAX_AGE_DAYS", "0"},
		{"zero interval", "REMINDER_INTERVAL", "0s"},
		{"inbox kept too briefly", "INBOX_TTL", "1m"},
		{"address without a port", "HTTP_ADDR", "localhost"},
		{"port out of range", "HTTP_ADDR", ":70000"},
		{"bbox", "REPORT_BBOX", "1,2,3"},
		{"flag", "TELEGRAM_PAID_BROADCAST", "mungkin"},
		{"limits switch", "TELEGRAM_LIMITS", "false"},
		{"admins", "ADMIN_IDS", "-4"},
		{"short lease", "BROADCAST_LEASE", "1s"},
		{"no budget", "USER_BURST", "0"},
		{"short window", "USER_WINDOW", "10ms"},
		{"no queue", "CHAT_QUEUE", "0"},
		{"digest hour", "DIGEST_AT", "24:00"},
		{"digest format", "DIGEST_AT", "8 pagi"},
		{"digest minutes", "DIGEST_AT", "08:5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := app.LoadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": "123:secret", tc.key: tc.value}))
			if err == nil || !strings.Contains(err.Error(), tc.key) || strings.Contains(err.Error(), "secret") {
				t.Fatalf("%s=%q: error %v", tc.key, tc.value, err)
			}
		})
	}
}

// TestValidateRefusesUnsetValues checks that a Config not built from
// Defaults is refused instead of running with zeros.
func TestValidateRefusesUnsetValues(t *testing.T) {
	c := app.Config{Token: "123:abc", APIEndpoint: app.Defaults().APIEndpoint, DatabaseURL: app.DefaultDatabaseURL,
		RedisURL: app.DefaultRedisURL, RedisPrefix: "x:"}
	if err := c.Validate(); err == nil {
		t.Fatal("a zero configuration passed Validate")
	}
	d := app.Defaults()
	d.Token = "123:abc"
	if err := d.Validate(); err != nil {
		t.Fatalf("Defaults with a token: %v", err)
	}
}

package app_test

import (
	"strings"
	"testing"
	"time"

	"pilarbot/handlers/app"
)

// TestWebhookSettings: webhook mode needs an https URL ending in
// /telegram/webhook and a secret Telegram accepts; the errors name the
// setting and never repeat the secret.
func TestWebhookSettings(t *testing.T) {
	base := map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc"}
	c, err := app.LoadConfig(env(base))
	if err != nil || c.WebhookURL != "" || c.HTTPAddr != "127.0.0.1:8080" || c.ReplicaLease != 5*time.Second ||
		c.WebhookMaxConnections != 40 {
		t.Fatalf("defaults: %v, %+v", err, c)
	}
	const hook = "https://bot.example.org/telegram/webhook"
	const secret = "Zk3_x-9QpLm2"
	for _, tc := range []struct {
		name      string
		set       map[string]string
		wantError string // "" for a valid configuration
	}{
		{"webhook", map[string]string{"TELEGRAM_WEBHOOK_URL": hook, "TELEGRAM_WEBHOOK_SECRET": secret}, ""},
		{"loopback http", map[string]string{"TELEGRAM_WEBHOOK_URL": "http://127.0.0.1:9000/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": secret}, ""},
		{"no secret", map[string]string{"TELEGRAM_WEBHOOK_URL": hook}, "TELEGRAM_WEBHOOK_SECRET is required"},
		{"base64 secret", map[string]string{"TELEGRAM_WEBHOOK_URL": hook, "TELEGRAM_WEBHOOK_SECRET": "Zk3+x/9Q="}, "TELEGRAM_WEBHOOK_SECRET must be"},
		{"long secret", map[string]string{"TELEGRAM_WEBHOOK_URL": hook, "TELEGRAM_WEBHOOK_SECRET": strings.Repeat("a", 257)}, "TELEGRAM_WEBHOOK_SECRET must be"},
		{"plain http", map[string]string{"TELEGRAM_WEBHOOK_URL": "http://bot.example.org/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": secret}, "TELEGRAM_WEBHOOK_URL must be https"},
		{"wrong path", map[string]string{"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook", "TELEGRAM_WEBHOOK_SECRET": secret}, "ending in /telegram/webhook"},
		{"connections", map[string]string{"TELEGRAM_WEBHOOK_URL": hook, "TELEGRAM_WEBHOOK_SECRET": secret, "TELEGRAM_WEBHOOK_MAX_CONNECTIONS": "101"}, "TELEGRAM_WEBHOOK_MAX_CONNECTIONS"},
		{"http addr", map[string]string{"HTTP_ADDR": "8080"}, "HTTP_ADDR"},
		{"lease", map[string]string{"REPLICA_LEASE": "100ms"}, "REPLICA_LEASE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kv := map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc"}
			for k, v := range tc.set {
				kv[k] = v
			}
			c, err := app.LoadConfig(env(kv))
			if tc.wantError == "" {
				if err != nil || c.WebhookURL != tc.set["TELEGRAM_WEBHOOK_URL"] || c.WebhookSecret != secret {
					t.Fatalf("refused: %v (%+v)", err, c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantError) {
				t.Fatalf("error %v, want one with %q", err, tc.wantError)
			}
			if s := tc.set["TELEGRAM_WEBHOOK_SECRET"]; s != "" && strings.Contains(err.Error(), s) {
				t.Fatalf("the error repeats the secret: %v", err)
			}
		})
	}
}

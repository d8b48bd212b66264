package app_test

import (
	"strings"
	"testing"

	"pilarbot/handlers/app"
)

func TestPlaygroundConfigNeverTouchesProductionData(t *testing.T) {
	env := map[string]string{
		"DATABASE_URL": "postgres://dinsos:rahasia@db.internal:5432/pilarbot?sslmode=require",
		"REDIS_PREFIX": "pilarbot:",
		"ADMIN_IDS":    "123456789",
		"WORKERS":      "8",
	}
	cfg, addr, err := app.LoadPlaygroundConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("LoadPlaygroundConfig without a token: %v", err)
	}
	if want := "postgres://dinsos:rahasia@db.internal:5432/pilarbot_playground?sslmode=require"; cfg.DatabaseURL != want {
		t.Errorf("DatabaseURL = %q, want %q", cfg.DatabaseURL, want)
	}
	if cfg.RedisPrefix != app.PlaygroundRedisPrefix || len(cfg.Admins) != 0 || cfg.Workers != 8 {
		t.Errorf("prefix %q, admins %v, workers %d; want the playground's prefix, no production admin, the other settings kept",
			cfg.RedisPrefix, cfg.Admins, cfg.Workers)
	}
	if addr != app.DefaultPlaygroundAddr || !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("addr = %q, want loopback by default", addr)
	}

	env["PLAYGROUND_ADDR"] = "0.0.0.0:9000"
	if _, addr, _ := app.LoadPlaygroundConfig(func(k string) string { return env[k] }); addr != "0.0.0.0:9000" {
		t.Errorf("addr = %q, want PLAYGROUND_ADDR", addr)
	}
	env["PLAYGROUND_ADDR"] = "8080"
	if _, _, err := app.LoadPlaygroundConfig(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "PLAYGROUND_ADDR") {
		t.Errorf("bad PLAYGROUND_ADDR: %v, want an error naming it", err)
	}
}

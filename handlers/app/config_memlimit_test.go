package app_test

import (
	"strings"
	"testing"

	"pilarbot/handlers/app"
)

// MEMORY_LIMIT defaults to 32 MiB, reads GOMEMLIMIT's sizes or off, and
// yields to a GOMEMLIMIT the runtime has applied already.
func TestMemoryLimitSetting(t *testing.T) {
	for _, tc := range []struct {
		name string
		vars map[string]string
		want int64
	}{
		{"default", map[string]string{}, 32 << 20},
		{"MiB", map[string]string{"MEMORY_LIMIT": "64MiB"}, 64 << 20},
		{"GiB", map[string]string{"MEMORY_LIMIT": "1GiB"}, 1 << 30},
		{"bytes", map[string]string{"MEMORY_LIMIT": "50000000"}, 50000000},
		{"off", map[string]string{"MEMORY_LIMIT": "OFF"}, 0},
		{"GOMEMLIMIT wins", map[string]string{"MEMORY_LIMIT": "64MiB", "GOMEMLIMIT": "100MiB"}, 0},
	} {
		c, err := loadWithToken(tc.vars)
		if err != nil || c.MemoryLimit != tc.want {
			t.Errorf("%s: %v, %d; want %d", tc.name, err, c.MemoryLimit, tc.want)
		}
	}
	for _, v := range []string{"40MB", "-1MiB", "banyak"} {
		if _, err := loadWithToken(map[string]string{"MEMORY_LIMIT": v}); err == nil || !strings.Contains(err.Error(), "MEMORY_LIMIT") {
			t.Errorf("MEMORY_LIMIT=%s: %v", v, err)
		}
	}
}

// GC_PERCENT defaults to 200, reads a percentage or off, and yields to a
// GOGC the runtime has applied already.
func TestGCPercentSetting(t *testing.T) {
	for _, tc := range []struct {
		name string
		vars map[string]string
		want int
	}{
		{"default", map[string]string{}, 200},
		{"number", map[string]string{"GC_PERCENT": "400"}, 400},
		{"off", map[string]string{"GC_PERCENT": "Off"}, -1},
		{"off within GOMEMLIMIT", map[string]string{"GC_PERCENT": "off", "MEMORY_LIMIT": "off", "GOMEMLIMIT": "64MiB"}, -1},
		{"GOGC wins", map[string]string{"GC_PERCENT": "300", "GOGC": "100"}, 0},
	} {
		c, err := loadWithToken(tc.vars)
		if err != nil || c.GCPercent != tc.want {
			t.Errorf("%s: %v, %d; want %d", tc.name, err, c.GCPercent, tc.want)
		}
	}
	for _, v := range []string{"0", "5", "-1", "dua ratus"} {
		if _, err := loadWithToken(map[string]string{"GC_PERCENT": v}); err == nil || !strings.Contains(err.Error(), "GC_PERCENT") {
			t.Errorf("GC_PERCENT=%s: %v", v, err)
		}
	}
	// Off with no memory limit at all would never collect.
	if _, err := loadWithToken(map[string]string{"GC_PERCENT": "off", "MEMORY_LIMIT": "off"}); err == nil || !strings.Contains(err.Error(), "memory limit") {
		t.Errorf("GC_PERCENT=off without a memory limit: %v", err)
	}
}

// MAX_PROCS defaults to one thread, reads a number or auto, and yields
// to a GOMAXPROCS the runtime has applied already.
func TestProcsSetting(t *testing.T) {
	for _, tc := range []struct {
		name string
		vars map[string]string
		want int
	}{
		{"default", map[string]string{}, 1},
		{"number", map[string]string{"MAX_PROCS": "4"}, 4},
		{"auto", map[string]string{"MAX_PROCS": "AUTO"}, 0},
		{"GOMAXPROCS wins", map[string]string{"MAX_PROCS": "3", "GOMAXPROCS": "2"}, 0},
	} {
		c, err := loadWithToken(tc.vars)
		if err != nil || c.Procs != tc.want {
			t.Errorf("%s: %v, %d; want %d", tc.name, err, c.Procs, tc.want)
		}
	}
	for _, v := range []string{"0", "-2", "dua"} {
		if _, err := loadWithToken(map[string]string{"MAX_PROCS": v}); err == nil || !strings.Contains(err.Error(), "MAX_PROCS") {
			t.Errorf("MAX_PROCS=%s: %v", v, err)
		}
	}
}

// loadWithToken is LoadConfig of vars and a token, the one setting with
// no default.
func loadWithToken(vars map[string]string) (app.Config, error) {
	vars["TELEGRAM_BOT_TOKEN"] = "123:abc"
	return app.LoadConfig(env(vars))
}

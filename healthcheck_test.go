package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestHealthcheck runs `pilarbot healthcheck` against a stand-in for the
// bot's /readyz: 200 succeeds, 503 fails with the body, nothing listening
// fails; 0.0.0.0 in HTTP_ADDR is asked on loopback.
func TestHealthcheck(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusOK)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(int(status.Load()))
		w.Write([]byte(`{"status":"x","failing":["redis"]}`))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	check := func(addr string) error {
		var out, errOut bytes.Buffer
		return run(context.Background(), []string{"pilarbot", "healthcheck"},
			func(k string) string { return map[string]string{"HTTP_ADDR": addr}[k] }, &out, &errOut)
	}
	if err := check("0.0.0.0:" + port); err != nil {
		t.Fatalf("ready: %v", err)
	}
	status.Store(http.StatusServiceUnavailable)
	if err := check("127.0.0.1:" + port); err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "redis") {
		t.Fatalf("unavailable: %v, want an error with 503 and the body", err)
	}
	srv.Close()
	if err := check("127.0.0.1:" + port); err == nil {
		t.Fatal("nothing listening, yet healthy")
	}
}

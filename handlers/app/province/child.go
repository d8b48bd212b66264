package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"pilarbot/handlers/app"
)

// childFlag makes the command the bot itself: app.Run with the settings
// from the environment, as main runs it, in a process of its own so
// that its resident set is the bot's alone. It tells the parent on
// stdout when it is ready and each update it handled, and samples its
// heap between "heap-start" and "heap-stop" lines on stdin.
const childFlag = "-bot-child"

func runChild(ctx context.Context, stdout io.Writer, stderr io.Writer) error {
	cfg, err := app.LoadConfig(os.Getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stdout, format+"\n", args...)
	}
	go sampleOnRequest(os.Stdin, say)
	return app.Run(ctx, cfg, log, app.Options{
		Ready:   func() { say("ready") },
		Handled: func(id int) { say("handled %d", id) },
	})
}

// sampleOnRequest samples the heap in use every millisecond between a
// "heap-start" and a "heap-stop" line, as heapPeak does, and answers
// "heap <peak bytes above the start>".
func sampleOnRequest(in io.Reader, say func(string, ...any)) {
	sc := bufio.NewScanner(in)
	var stop chan struct{}
	var peak atomic.Uint64
	var wg sync.WaitGroup
	for sc.Scan() {
		switch sc.Text() {
		case "heap-start":
			runtime.GC()
			writeHeapProfile(os.Getenv(heapProfileEnv))
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			peak.Store(0)
			stop = make(chan struct{})
			wg.Go(func() { samplePeak(base.HeapInuse, &peak, stop) })
		case "heap-stop":
			if stop != nil {
				close(stop)
				wg.Wait()
				stop = nil
			}
			say("heap %d", peak.Load())
		}
	}
}

func samplePeak(base uint64, peak *atomic.Uint64, stop <-chan struct{}) {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	var ms runtime.MemStats
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > base && ms.HeapInuse-base > peak.Load() {
				peak.Store(ms.HeapInuse - base)
			}
		}
	}
}

// heapProfileEnv names a file for the bot's heap profile, written at the
// first heap sample (the start of the first export): what the bot holds
// before the exports, to read with go tool pprof.
const heapProfileEnv = "PROVINCE_HEAP_PROFILE"

// writeHeapProfile writes the heap profile to path once; "" writes none.
func writeHeapProfile(path string) {
	if path == "" {
		return
	}
	if _, err := os.Stat(path); err == nil {
		return
	}
	if f, err := os.Create(path); err == nil {
		_ = pprof.WriteHeapProfile(f)
		f.Close()
	}
	// Beside it, where the rest of the resident set is: the runtime's
	// view and the kernel's (anonymous memory against mapped files).
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	status, _ := os.ReadFile("/proc/self/status")
	_ = os.WriteFile(path+".txt", fmt.Appendf(nil, "HeapAlloc %d\nHeapInuse %d\nHeapIdle %d\nHeapReleased %d\nStackSys %d\nSys %d\nNumGC %d\n\n%s",
		ms.HeapAlloc, ms.HeapInuse, ms.HeapIdle, ms.HeapReleased, ms.StackSys, ms.Sys, ms.NumGC, status), 0o644)
}

package playground

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The page learns of changes through Server-Sent Events: one GET that the
// server keeps open and writes "event: …\ndata: …" lines to. Updates flow
// one way only (what the person does goes in ordinary POSTs), which is
// all SSE does; it needs nothing beyond net/http and the browser's
// EventSource, which reconnects by itself after a restart. A WebSocket
// would need a library or a hand-written framing for no gain here.

// coalesce is how long the stream waits after a change for the changes
// that follow it (an album, a split message), so a burst is one event.
const coalesce = 40 * time.Millisecond

// keepAlive is how often an idle stream sends a comment, so proxies and
// the browser keep it open.
const keepAlive = 15 * time.Second

// serveEvents streams "people" events (the list) and "chat" events (a
// ChatSnapshot) for the chats named in ?chats=1001,2001, each whenever it
// changed, starting with the current state.
func (v *View) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	var chats []int64
	for _, f := range strings.Split(r.URL.Query().Get("chats"), ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil && v.user(id) != nil {
			chats = append(chats, id)
		}
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)

	sent := map[string][]byte{} // last data sent per stream key
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		changes := v.srv.Changes()
		people, peopleChanged := v.snapshotPeople()
		if err := emit(w, sent, "people", "people", people); err != nil {
			return
		}
		for _, id := range chats {
			snap, _ := v.srv.Snapshot(id)
			if err := emit(w, sent, "chat:"+strconv.FormatInt(id, 10), "chat", snap); err != nil {
				return
			}
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-changes:
		case <-peopleChanged:
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			continue
		case <-r.Context().Done():
			return
		}
		select {
		case <-time.After(coalesce):
		case <-r.Context().Done():
			return
		}
	}
}

// emit writes one event when its data differs from what key last sent.
func emit(w http.ResponseWriter, sent map[string][]byte, key, event string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if bytes.Equal(sent[key], data) {
		return nil
	}
	sent[key] = data
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data)
	return err
}

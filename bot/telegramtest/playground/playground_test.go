package playground

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"pilarbot/bot/telegramtest"
)

func newView(t *testing.T) (*telegramtest.Server, *httptest.Server) {
	t.Helper()
	srv := telegramtest.New(t, telegramtest.Options{})
	v, err := New(srv, Options{Admin: Person{ID: 1001, Name: "Admin Dinsos", Role: "Admin"}, FirstID: 2001})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(v.Handler())
	t.Cleanup(hs.Close)
	return srv, hs
}

func post(t *testing.T, hs *httptest.Server, path string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(hs.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestCreatePersonAndSendText(t *testing.T) {
	srv, hs := newView(t)
	if code, out := post(t, hs, "/api/people", map[string]string{"name": " ", "phone": ""}); code != 400 || out["error"] == "" {
		t.Errorf("empty name: %d %v, want 400 with a message", code, out)
	}
	if code, _ := post(t, hs, "/api/people", map[string]string{"name": "Siti", "phone": "12ab"}); code != 400 {
		t.Errorf("bad phone: %d, want 400", code)
	}
	code, out := post(t, hs, "/api/people", map[string]string{"name": "Siti  Aminah", "phone": "0812-3456-7890"})
	if code != 200 || out["id"] != float64(2001) || out["name"] != "Siti Aminah" || out["phone"] != "6281234567890" {
		t.Fatalf("create: %d %v", code, out)
	}
	if code, _ := post(t, hs, "/api/chats/2001/text", map[string]string{"text": "/daftar"}); code != 200 {
		t.Fatalf("send text: %d", code)
	}
	if code, _ := post(t, hs, "/api/chats/2001/contact", map[string]string{}); code != 200 {
		t.Fatalf("share contact: %d", code)
	}
	snap, _ := srv.Snapshot(2001)
	if len(snap.Messages) != 2 || snap.Messages[0].Text != "/daftar" || snap.Messages[1].Contact != "6281234567890" {
		t.Errorf("chat = %+v, want the command and the contact", snap.Messages)
	}
	if code, _ := post(t, hs, "/api/chats/9999/text", map[string]string{"text": "x"}); code != 400 {
		t.Errorf("unknown person: %d, want 400", code)
	}
}

func TestCrossSiteRequestsRefused(t *testing.T) {
	_, hs := newView(t)
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/api/chats/1001/text", strings.NewReader(`{"text":"/start"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin POST: %d, want 403", resp.StatusCode)
	}
	resp, err = http.Post(hs.URL+"/api/chats/1001/text", "text/plain", strings.NewReader(`{"text":"/start"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("form-like POST: %d, want 415", resp.StatusCode)
	}
}

func TestPhotosUploadAsAlbumAndServe(t *testing.T) {
	srv, hs := newView(t)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for i := 0; i < 3; i++ {
		fw, _ := w.CreateFormFile("photo", "foto.png")
		img := image.NewRGBA(image.Rect(0, 0, 4, 4))
		img.Set(1, 1, color.RGBA{R: uint8(i), A: 255})
		_ = png.Encode(fw, img)
	}
	_ = w.WriteField("caption", "kegiatan")
	w.Close()
	resp, err := http.Post(hs.URL+"/api/chats/1001/photos", w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	snap, _ := srv.Snapshot(1001)
	if resp.StatusCode != 200 || len(snap.Messages) != 3 || snap.Messages[0].MediaGroupID == "" ||
		snap.Messages[2].MediaGroupID != snap.Messages[0].MediaGroupID || snap.Messages[0].Text != "kegiatan" {
		t.Fatalf("upload: %d, chat %+v; want one album of 3 with the caption first", resp.StatusCode, snap.Messages)
	}
	resp, err = http.Get(hs.URL + "/api/files/" + snap.Messages[0].PhotoFileID)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("photo served as %q", resp.Header.Get("Content-Type"))
	}
}

func TestEventsStreamChatChanges(t *testing.T) {
	_, hs := newView(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, hs.URL+"/api/events?chats=1001", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(nil, 1<<20)
	next := func(event string) string {
		t.Helper()
		for lines.Scan() {
			if lines.Text() == "event: "+event && lines.Scan() {
				return strings.TrimPrefix(lines.Text(), "data: ")
			}
		}
		t.Fatalf("stream ended before a %s event: %v", event, lines.Err())
		return ""
	}
	next("people")
	if first := next("chat"); !strings.Contains(first, `"messages":[]`) {
		t.Errorf("first chat event %s, want the empty chat", first)
	}
	_, _ = http.Post(hs.URL+"/api/chats/1001/text", "application/json", strings.NewReader(`{"text":"halo"}`))
	if got := next("chat"); !strings.Contains(got, `"text":"halo"`) {
		t.Errorf("chat event after sending %s, want the message", got)
	}
}

func TestPhoneDigits(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0812-3456-7890", "6281234567890"},
		{"+62 812 3456 7890", "6281234567890"},
		{"", "628990002001"},
	} {
		if got := phoneDigits(c.in, 2001); got != c.want {
			t.Errorf("phoneDigits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for s, ok := range map[string]bool{"0812-3456-7890": true, "62 812 3456 789": true, "021 555 1234": false, "08abc": false, "0812": false} {
		if validPhone(s) != ok {
			t.Errorf("validPhone(%q) = %v, want %v", s, !ok, ok)
		}
	}
}

package storage_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"pilarbot/storage"
)

// seedAudience stores volunteers of several pilar and places, verified or
// not, and returns the store. Chat ids: 1 psm Mayangan, 2 tagana Mayangan,
// 3 psm Gadingrejo (Karangketug), 4 tagana Bukir (Gadingrejo), 5 pending
// psm Mayangan, 6 unreachable psm Mayangan, 7 rejected tagana Trajeng,
// 8 karang_taruna Trajeng.
func seedAudience(t *testing.T) (*storage.Store, *clock) {
	t.Helper()
	s, clk := openWithClock(t)
	ctx := context.Background()
	seed := []struct {
		chat      int64
		pilar     string
		kel       string
		decide    int // 0 pending, 1 verified, -1 rejected
		unreached bool
	}{
		{1, "psm", "35.75.04.1006", 1, false},
		{2, "tagana", "35.75.04.1006", 1, false},
		{3, "psm", "35.75.01.1001", 1, false},
		{4, "tagana", "35.75.01.1005", 1, false},
		{5, "psm", "35.75.04.1006", 0, false},
		{6, "psm", "35.75.04.1006", 1, true},
		{7, "tagana", "35.75.04.1003", -1, false},
		{8, "karang_taruna", "35.75.04.1003", 1, false},
	}
	for _, v := range seed {
		vol := &storage.Volunteer{TelegramID: v.chat, ChatID: v.chat, FullName: "Relawan " + strconv.Itoa(int(v.chat)),
			Pilar: v.pilar, KelurahanCode: v.kel}
		if err := s.CreateVolunteer(ctx, vol); err != nil {
			t.Fatal(err)
		}
		if v.decide != 0 {
			if _, err := s.DecideVolunteer(ctx, vol.ID, storage.Actor{ID: 9001, Admin: true}, v.decide > 0, "alasan"); err != nil {
				t.Fatal(err)
			}
		}
		if v.unreached {
			if err := s.MarkUnreachable(ctx, v.chat, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s, clk
}

func TestSegmentRecipients(t *testing.T) {
	s, _ := seedAudience(t)
	tests := []struct {
		name string
		seg  storage.Segment
		want []int64
	}{
		{"everyone", storage.Segment{}, []int64{1, 2, 3, 4, 8}},
		{"one pilar", storage.Segment{Pilars: []string{"psm"}}, []int64{1, 3}},
		{"two pilar", storage.Segment{Pilars: []string{"tagana", "karang_taruna"}}, []int64{2, 4, 8}},
		{"kecamatan", storage.Segment{Kecamatans: []string{"35.75.01"}}, []int64{3, 4}},
		{"kelurahan", storage.Segment{Kelurahans: []string{"35.75.04.1006"}}, []int64{1, 2}},
		{"two kelurahan", storage.Segment{Kelurahans: []string{"35.75.04.1006", "35.75.04.1003"}}, []int64{1, 2, 8}},
		{"pilar in kecamatan", storage.Segment{Pilars: []string{"tagana"}, Kecamatans: []string{"35.75.01"}}, []int64{4}},
		{"nobody", storage.Segment{Kelurahans: []string{"35.75.02.1001"}}, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.SegmentChatIDs(context.Background(), tt.seg, storage.Scope{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("recipients = %v, want %v", got, tt.want)
			}
			n, err := s.CountSegment(context.Background(), tt.seg, storage.Scope{})
			if err != nil || n != len(tt.want) {
				t.Errorf("count = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
}

func TestBroadcastOutboxLifecycle(t *testing.T) {
	s, clk := seedAudience(t)
	ctx := context.Background()
	b := &storage.Broadcast{CreatedBy: 9001, ChatID: 9001, Text: "<b>Banjir</b>"}
	if err := s.CreateBroadcastDraft(ctx, b, storage.Segment{Pilars: []string{"psm", "tagana"}}, storage.Scope{}); err != nil {
		t.Fatal(err)
	}
	started, err := s.StartBroadcast(ctx, b.ID, storage.Actor{ID: 9001, Admin: true}, 77)
	if err != nil {
		t.Fatal(err)
	}
	if started.Total != 4 || started.Status != storage.BroadcastSending || started.ProgressMsgID != 77 {
		t.Fatalf("started = %+v", started)
	}
	if _, err := s.StartBroadcast(ctx, b.ID, storage.Actor{ID: 9001, Admin: true}, 77); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("second start: %v, want ErrNotFound", err)
	}

	// Two senders share the rows without overlap.
	a, err := s.ClaimOutbox(ctx, "a", 2, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	bb, err := s.ClaimOutbox(ctx, "b", 10, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 2 || len(bb) != 2 || a[0].ChatID == bb[0].ChatID {
		t.Fatalf("claims a=%v b=%v", a, bb)
	}
	if ok, err := s.MarkOutboxSent(ctx, "b", a[0], 5); err != nil || ok {
		t.Fatalf("b marked a's row: %v %v", ok, err)
	}
	if ok, err := s.MarkOutboxSent(ctx, "a", a[0], 5); err != nil || !ok {
		t.Fatalf("mark sent: %v %v", ok, err)
	}
	if ok, err := s.MarkOutboxBlocked(ctx, "a", a[1], "Forbidden"); err != nil || !ok {
		t.Fatalf("mark blocked: %v %v", ok, err)
	}
	if err := s.RetryOutbox(ctx, "b", bb[0], -time.Second, "Internal Server Error"); err != nil {
		t.Fatal(err)
	}
	// bb[1] is held by b, which "dies"; c takes the retried row. After the
	// lease d takes over both.
	c, err := s.ClaimOutbox(ctx, "c", 10, time.Minute)
	if err != nil || len(c) != 1 || c[0].ChatID != bb[0].ChatID || c[0].Attempts != 1 {
		t.Fatalf("claim before lease expiry = %+v, %v", c, err)
	}
	clk.Add(2 * time.Minute)
	c2, err := s.ClaimOutbox(ctx, "d", 10, time.Minute)
	if err != nil || len(c2) != 2 { // b's and c's claims both expired
		t.Fatalf("claim after lease expiry = %+v, %v", c2, err)
	}
	if ok, _ := s.MarkOutboxSent(ctx, "b", bb[1], 6); ok {
		t.Fatal("a sender whose lease was taken over marked the row")
	}
	if ok, err := s.FinishBroadcast(ctx, b.ID); err != nil || ok {
		t.Fatalf("finished with rows pending: %v %v", ok, err)
	}
	if ok, _ := s.MarkOutboxSent(ctx, "c", c[0], 6); ok {
		t.Fatal("c marked a row d took over")
	}
	for _, r := range c2 {
		if ok, err := s.MarkOutboxFailed(ctx, r.ClaimedBy, r, "Bad Request"); err != nil || !ok {
			t.Fatalf("mark failed: %v %v", ok, err)
		}
	}
	counts, err := s.BroadcastCountsOf(ctx, b.ID)
	if err != nil || counts != (storage.BroadcastCounts{Sent: 1, Blocked: 1, Failed: 2}) {
		t.Fatalf("counts = %+v, %v", counts, err)
	}
	if ok, err := s.FinishBroadcast(ctx, b.ID); err != nil || !ok {
		t.Fatalf("finish: %v %v", ok, err)
	}
	if ok, _ := s.FinishBroadcast(ctx, b.ID); ok {
		t.Fatal("finished twice")
	}
	hist, err := s.RecentBroadcasts(ctx, 10, 0, storage.Scope{})
	if err != nil || len(hist) != 1 || hist[0].Sent != 1 || hist[0].Status != storage.BroadcastDone {
		t.Fatalf("history = %+v, %v", hist, err)
	}
}

func TestClaimProgress(t *testing.T) {
	s, clk := openWithClock(t)
	ctx := context.Background()
	b := &storage.Broadcast{CreatedBy: 1, ChatID: 1, Text: "x"}
	if err := s.CreateBroadcastDraft(ctx, b, storage.Segment{}, storage.Scope{}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		advance time.Duration
		text    string
		want    bool
	}{
		{0, "1/10", true},
		{time.Second, "2/10", false}, // too soon
		{3 * time.Second, "2/10", true},
		{5 * time.Second, "2/10", false}, // identical
	}
	for i, st := range steps {
		clk.Add(st.advance)
		ok, err := s.ClaimProgress(ctx, b.ID, st.text, 3*time.Second)
		if err != nil || ok != st.want {
			t.Errorf("step %d: %v %v, want %v", i, ok, err, st.want)
		}
	}
}

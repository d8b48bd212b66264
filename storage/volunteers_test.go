package storage_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pilarbot/storage"
	"pilarbot/storage/domain"
	"pilarbot/storage/storagetest"
)

// clock is a settable time source for Store.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2023, 12, 20, 8, 0, 0, 0, time.FixedZone("WIB", 7*3600))}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func openWithClock(t *testing.T) (*storage.Store, *clock) {
	t.Helper()
	s := storagetest.Open(t)
	c := newClock()
	s.Now = c.Now
	return s, c
}

// latifa is a PSM of Mayangan, a provincial award winner of 2023.
func latifa() *storage.Volunteer {
	return &storage.Volunteer{
		TelegramID:    1001,
		ChatID:        1001,
		Username:      "latifa_psm",
		FullName:      "Latifa",
		Pilar:         "psm",
		KelurahanCode: "35.75.04.1006",
		Phone:         "+6281234567890",
		NIK:           "3575046512850001",
	}
}

func TestCreateAndGetVolunteer(t *testing.T) {
	t.Parallel()
	s, clk := openWithClock(t)
	ctx := context.Background()

	v := latifa()
	v.Status = domain.StatusVerified // ignored: new volunteers are pending
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	if v.ID == 0 || v.Status != domain.StatusPending || !v.CreatedAt.Equal(clk.Now()) || !v.UpdatedAt.Equal(clk.Now()) {
		t.Fatalf("created volunteer not filled in: %#v id=%d created=%v", v, v.ID, v.CreatedAt)
	}

	byTG, err := s.VolunteerByTelegramID(ctx, 1001)
	if err != nil {
		t.Fatal(err)
	}
	byID, err := s.VolunteerByID(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range []*storage.Volunteer{byTG, byID} {
		if got.ID != v.ID || got.FullName != "Latifa" || got.NIK != v.NIK || got.Phone != v.Phone ||
			got.KelurahanCode != v.KelurahanCode || got.Username != v.Username || got.Pilar != "psm" ||
			got.DecidedBy != nil || got.DecidedAt != nil || !got.CreatedAt.Equal(v.CreatedAt) {
			t.Errorf("read back %+v, want %+v", *got, *v)
		}
	}

	if _, err := s.VolunteerByTelegramID(ctx, 9999); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown telegram id: %v, want ErrNotFound", err)
	}
	if _, err := s.VolunteerByID(ctx, 9999); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
}

func TestCreateVolunteerWithoutNIK(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()
	for id := int64(1); id <= 2; id++ {
		v := &storage.Volunteer{TelegramID: id, ChatID: id, FullName: "Tanpa NIK", Pilar: "karang_taruna"}
		if err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatalf("volunteer %d without NIK: %v", id, err)
		}
		if v.NIK != "" {
			t.Errorf("NIK = %q, want empty", v.NIK)
		}
	}
}

func TestCreateVolunteerRejectsBadData(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(*storage.Volunteer)
	}{
		{"pilar", func(v *storage.Volunteer) { v.Pilar = "PSM" }},
		{"kelurahan", func(v *storage.Volunteer) { v.KelurahanCode = "Mayangan" }},
		{"phone", func(v *storage.Volunteer) { v.Phone = "081234567890" }},
		{"nik", func(v *storage.Volunteer) { v.NIK = "3575" }},
	}
	for _, tt := range tests {
		v := latifa()
		tt.change(v)
		err := s.CreateVolunteer(ctx, v)
		if err == nil {
			t.Errorf("%s: bad value accepted", tt.name)
		} else if storage.Unavailable(err) || errors.Is(err, storage.ErrDuplicateNIK) {
			t.Errorf("%s: %v is not a constraint error", tt.name, err)
		}
	}
}

func TestCreateVolunteerDuplicateNIK(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()
	if err := s.CreateVolunteer(ctx, latifa()); err != nil {
		t.Fatal(err)
	}

	other := latifa()
	other.TelegramID, other.ChatID, other.FullName = 2002, 2002, "Orang Lain"
	err := s.CreateVolunteer(ctx, other)
	if !errors.Is(err, storage.ErrDuplicateNIK) {
		t.Fatalf("same NIK, other account: %v, want ErrDuplicateNIK", err)
	}
	if strings.Contains(err.Error(), other.NIK) {
		t.Errorf("error shows the NIK: %v", err)
	}

	// The other account registers with its own NIK, then tries to take
	// Latifa's by editing the profile.
	other.NIK = "3575040101900002"
	if err := s.CreateVolunteer(ctx, other); err != nil {
		t.Fatal(err)
	}
	other.NIK = latifa().NIK
	if err := s.UpdateVolunteerProfile(ctx, other); !errors.Is(err, storage.ErrDuplicateNIK) {
		t.Fatalf("profile update to a taken NIK: %v, want ErrDuplicateNIK", err)
	}
}

func TestCreateVolunteerUpsertsSameAccount(t *testing.T) {
	t.Parallel()
	s, clk := openWithClock(t)
	ctx := context.Background()

	first := latifa()
	if err := s.CreateVolunteer(ctx, first); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute)
	again := latifa()
	if err := s.CreateVolunteer(ctx, again); err != nil {
		t.Fatalf("same data twice: %v", err)
	}
	if again.ID != first.ID || again.Status != domain.StatusPending || !again.CreatedAt.Equal(first.CreatedAt) {
		t.Fatalf("second registration: %+v, want the same pending row as %+v", again, first)
	}

	changed := latifa()
	changed.FullName, changed.ChatID = "Latifa Hanum", 3003
	if err := s.CreateVolunteer(ctx, changed); err != nil {
		t.Fatal(err)
	}
	got, err := s.VolunteerByTelegramID(ctx, first.TelegramID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != first.ID || got.FullName != "Latifa Hanum" || got.ChatID != 3003 {
		t.Errorf("re-registration not stored: %+v", got)
	}
	if n, err := s.CountPendingVolunteers(ctx, storage.Scope{}); err != nil || n != 1 {
		t.Errorf("CountPendingVolunteers = %d, %v; want 1", n, err)
	}

	// A verified volunteer who registers again with the same data stays
	// verified; a rejected one goes back to the queue.
	if _, err := s.DecideVolunteer(ctx, first.ID, storage.Actor{ID: 9, Admin: true}, true, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateVolunteer(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if changed.Status != domain.StatusVerified {
		t.Errorf("verified volunteer registering again: status %s, want verified", changed.Status)
	}

	other := &storage.Volunteer{TelegramID: 4004, ChatID: 4004, FullName: "Budi", Pilar: "tagana"}
	if err := s.CreateVolunteer(ctx, other); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideVolunteer(ctx, other.ID, storage.Actor{ID: 9, Admin: true}, false, "NIK tidak sesuai KTP"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkUnreachable(ctx, other.ChatID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateVolunteer(ctx, other); err != nil {
		t.Fatal(err)
	}
	if other.Status != domain.StatusPending || other.StatusNote != "" || other.DecidedBy != nil ||
		other.DecidedAt != nil || other.Unreachable {
		t.Errorf("rejected volunteer registering again: %+v, want pending and reachable", other)
	}
}

func TestUpdateVolunteerProfile(t *testing.T) {
	t.Parallel()
	s, clk := openWithClock(t)
	ctx := context.Background()

	v := latifa()
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideVolunteer(ctx, v.ID, storage.Actor{ID: 9, Admin: true}, true, ""); err != nil {
		t.Fatal(err)
	}

	// New phone and kelurahan, same person and pilar: still verified.
	clk.Add(time.Hour)
	nik := v.NIK
	v.Phone, v.KelurahanCode = "+6285712345678", "35.75.04.1007"
	if err := s.UpdateVolunteerProfile(ctx, v); err != nil {
		t.Fatal(err)
	}
	if v.Status != domain.StatusVerified || v.Phone != "+6285712345678" || v.NIK != nik ||
		!v.UpdatedAt.Equal(clk.Now()) || v.UpdatedAt.Equal(v.CreatedAt) {
		t.Fatalf("profile update: %+v", v)
	}

	// Another name: a coordinator must look again.
	v.FullName = "Orang Lain"
	if err := s.UpdateVolunteerProfile(ctx, v); err != nil || v.Status != domain.StatusPending {
		t.Fatalf("name change: %+v, %v; want pending", v, err)
	}
	if _, err := s.DecideVolunteer(ctx, v.ID, storage.Actor{ID: 9, Admin: true}, true, ""); err != nil {
		t.Fatal(err)
	}

	// New pilar: back to pending.
	v.Pilar = "tagana"
	if err := s.UpdateVolunteerProfile(ctx, v); err != nil {
		t.Fatal(err)
	}
	if v.Status != domain.StatusPending || v.DecidedBy != nil || v.DecidedAt != nil {
		t.Fatalf("pilar change: %+v, want pending", v)
	}
	if got, err := s.VolunteerByID(ctx, v.ID); err != nil || got.Status != domain.StatusPending || got.Pilar != "tagana" {
		t.Fatalf("stored after pilar change: %+v, %v", got, err)
	}

	missing := latifa()
	missing.ID = 9999
	if err := s.UpdateVolunteerProfile(ctx, missing); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
}

func TestPendingVolunteersOldestFirst(t *testing.T) {
	t.Parallel()
	s, clk := openWithClock(t)
	ctx := context.Background()
	start := clk.Now()

	// Registered out of id order: telegram 3 first in time.
	for i, offset := range []time.Duration{2 * time.Hour, 0, time.Hour} {
		s.Now = func() time.Time { return start.Add(offset) }
		id := int64(i + 1)
		if err := s.CreateVolunteer(ctx, &storage.Volunteer{TelegramID: id, ChatID: id, Pilar: "psm"}); err != nil {
			t.Fatal(err)
		}
	}
	s.Now = clk.Now
	decided := &storage.Volunteer{TelegramID: 4, ChatID: 4, Pilar: "pkh"}
	if err := s.CreateVolunteer(ctx, decided); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideVolunteer(ctx, decided.ID, storage.Actor{ID: 9, Admin: true}, true, ""); err != nil {
		t.Fatal(err)
	}

	got, err := s.PendingVolunteers(ctx, storage.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, v := range got {
		order = append(order, v.TelegramID)
	}
	if fmt.Sprint(order) != "[2 3 1]" {
		t.Errorf("pending order %v, want [2 3 1]", order)
	}
	if got, _ := s.PendingVolunteers(ctx, storage.Scope{}, 2); len(got) != 2 {
		t.Errorf("limit 2 returned %d", len(got))
	}
	if n, err := s.CountPendingVolunteers(ctx, storage.Scope{}); err != nil || n != 3 {
		t.Errorf("CountPendingVolunteers = %d, %v; want 3", n, err)
	}
	empty := storagetest.Open(t)
	if got, err := empty.PendingVolunteers(ctx, storage.Scope{}, 10); err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty queue: %v, %v; want an empty slice", got, err)
	}
}

func TestDecideVolunteer(t *testing.T) {
	t.Parallel()
	s, clk := openWithClock(t)
	ctx := context.Background()
	const coordinator = 555

	for _, approve := range []bool{true, false} {
		t.Run(fmt.Sprintf("approve=%t", approve), func(t *testing.T) {
			v := &storage.Volunteer{TelegramID: map[bool]int64{true: 1, false: 2}[approve], Pilar: "psm"}
			if err := s.CreateVolunteer(ctx, v); err != nil {
				t.Fatal(err)
			}
			clk.Add(time.Minute)
			note := "Data lengkap"
			wantStatus, wantAction, wantNote := domain.StatusVerified, storage.ActionVolunteerVerify, ""
			if !approve {
				note = "Bukan warga Kota Pasuruan"
				wantStatus, wantAction, wantNote = domain.StatusRejected, storage.ActionVolunteerReject, note
			}
			got, err := s.DecideVolunteer(ctx, v.ID, storage.Actor{ID: coordinator, Admin: true}, approve, note)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != wantStatus || got.StatusNote != wantNote || got.DecidedBy == nil ||
				*got.DecidedBy != coordinator || got.DecidedAt == nil || !got.DecidedAt.Equal(clk.Now()) {
				t.Fatalf("decided volunteer %+v", got)
			}

			subject := strconv.FormatInt(v.ID, 10)
			log, err := s.AuditLog(ctx, storage.SubjectVolunteer, subject)
			if err != nil {
				t.Fatal(err)
			}
			if len(log) != 1 {
				t.Fatalf("audit log %+v, want one entry", log)
			}
			e := log[0]
			if e.ActorID != coordinator || e.Action != wantAction || e.SubjectID != subject ||
				e.Before != string(domain.StatusPending) || e.After != string(wantStatus) || e.Note != note || !e.CreatedAt.Equal(clk.Now()) {
				t.Errorf("audit entry %+v", e)
			}

			// A second decision loses and sees the first one.
			again, err := s.DecideVolunteer(ctx, v.ID, storage.Actor{ID: 777, Admin: true}, !approve, "")
			if !errors.Is(err, storage.ErrAlreadyDecided) {
				t.Fatalf("second decision: %v, want ErrAlreadyDecided", err)
			}
			if again == nil || again.Status != wantStatus || *again.DecidedBy != coordinator {
				t.Errorf("second decision returned %+v, want the current row", again)
			}
			if log, _ := s.AuditLog(ctx, storage.SubjectVolunteer, subject); len(log) != 1 {
				t.Errorf("second decision wrote audit entries: %+v", log)
			}
		})
	}

	if _, err := s.DecideVolunteer(ctx, 9999, storage.Actor{ID: coordinator, Admin: true}, true, ""); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown volunteer: %v, want ErrNotFound", err)
	}
}

func TestDecideVolunteerConcurrently(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()

	for round := range 5 {
		v := &storage.Volunteer{TelegramID: int64(round + 1), Pilar: "tagana"}
		if err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		const deciders = 4
		var wg sync.WaitGroup
		errs := make([]error, deciders)
		for i := range deciders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.DecideVolunteer(ctx, v.ID, storage.Actor{ID: int64(100 + i), Admin: true}, i%2 == 0, "")
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, storage.ErrAlreadyDecided):
				t.Fatalf("unexpected error: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d decisions won, want exactly 1", round, won)
		}
		log, err := s.AuditLog(ctx, storage.SubjectVolunteer, strconv.FormatInt(v.ID, 10))
		if err != nil || len(log) != 1 {
			t.Fatalf("round %d: audit log %+v, %v; want one entry", round, log, err)
		}
	}
}

func TestMarkUnreachable(t *testing.T) {
	t.Parallel()
	s := storagetest.Open(t)
	ctx := context.Background()
	v := latifa()
	if err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	for _, want := range []bool{true, true, false} {
		if err := s.MarkUnreachable(ctx, v.ChatID, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.VolunteerByID(ctx, v.ID)
		if err != nil || got.Unreachable != want {
			t.Fatalf("Unreachable = %t, %v; want %t", got.Unreachable, err, want)
		}
	}
	if err := s.MarkUnreachable(ctx, 424242, true); err != nil {
		t.Errorf("chat without volunteer: %v", err)
	}
}

func TestVolunteerHidesPersonalData(t *testing.T) {
	t.Parallel()
	v := latifa()
	v.ID = 42
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	logger.Info("registered", "volunteer", v, "value", *v)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("registered", "volunteer", v)

	outputs := map[string]string{
		"slog":  buf.String(),
		"%v":    fmt.Sprintf("%v", v),
		"%+v":   fmt.Sprintf("%+v", *v),
		"%#v":   fmt.Sprintf("%#v", v),
		"%s":    fmt.Sprintf("%s", v),
		"value": v.LogValue().String(),
	}
	for name, out := range outputs {
		for _, secret := range []string{v.NIK, v.Phone, "81234567890", "Latifa"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output contains %q: %s", name, secret, out)
			}
		}
		if !strings.Contains(out, "42") {
			t.Errorf("%s output lacks the id: %s", name, out)
		}
	}
}

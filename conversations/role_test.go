package conversations

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"pilarbot/storage/domain"
)

// roleFlow is testFlow needing a coordinator, with an Authorize that says
// yes while *holds is true.
func roleFlow(t *testing.T, e *Engine, saved *[]map[string]string) *atomic.Bool {
	t.Helper()
	holds := &atomic.Bool{}
	holds.Store(true)
	e.Authorize = func(_ context.Context, userID int64, role domain.Role) (bool, error) {
		if userID != chat.UserID || role != domain.RoleCoordinator {
			t.Errorf("Authorize(%d, %q)", userID, role)
		}
		return holds.Load(), nil
	}
	f := testFlow(saved)
	f.Role = domain.RoleCoordinator
	if err := e.Register(f); err != nil {
		t.Fatal(err)
	}
	return holds
}

// startRoleFlow starts the coordinator's flow and answers its first
// question.
func startRoleFlow(t *testing.T) (e *Engine, rec *recorder, holds *atomic.Bool, saved *[]map[string]string, upd *int) {
	t.Helper()
	e, rec, _ = testEngine(t)
	saved, upd = &[]map[string]string{}, new(int)
	holds = roleFlow(t, e, saved)
	if err := e.Start(context.Background(), chat, "uji", nil); err != nil {
		t.Fatal(err)
	}
	answer(t, e, upd, text("merah"))
	return e, rec, holds, saved, upd
}

func TestRoleIsCheckedAtEveryAnswer(t *testing.T) {
	e, rec, holds, saved, upd := startRoleFlow(t)
	holds.Store(false)
	answer(t, e, upd, text("Selesai"))
	if got := rec.last(t).Text; !strings.Contains(got, "tidak lagi menjadi koordinator") || !strings.Contains(got, "uji coba") {
		t.Fatalf("an answer after the role was lost got %q", got)
	}
	if _, _, err := e.Active(context.Background(), chat.UserID); !errors.Is(err, ErrNoFlow) {
		t.Fatalf("the flow is still active after the refusal: %v", err)
	}
	if len(*saved) != 0 {
		t.Fatalf("saved %v", *saved)
	}
}

func TestRoleIsCheckedAtEveryPress(t *testing.T) {
	for _, label := range []string{btnSave, btnEdit, btnCancel} {
		t.Run(label, func(t *testing.T) {
			e, rec, holds, saved, upd := startRoleFlow(t)
			answer(t, e, upd, text("Selesai"))
			sum := rec.last(t)
			holds.Store(false)
			if a := pressButton(t, e, upd, sum, label); a != answerRefused {
				t.Fatalf("press answered %q", a)
			}
			if got := rec.last(t).Text; !strings.Contains(got, "tidak lagi menjadi koordinator") {
				t.Fatalf("a press after the role was lost got %q", got)
			}
			if _, _, err := e.Active(context.Background(), chat.UserID); !errors.Is(err, ErrNoFlow) || len(*saved) != 0 {
				t.Fatalf("after the refusal: %v, saved %v", err, *saved)
			}
		})
	}
}

func TestRevokeEndsOnlyFlowsThatNeedARole(t *testing.T) {
	e, _, _ := testEngine(t)
	var saved []map[string]string
	roleFlow(t, e, &saved)
	open := testFlow(&saved)
	open.Name = "terbuka"
	if err := e.Register(open); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := e.Start(ctx, chat, "terbuka", nil); err != nil {
		t.Fatal(err)
	}
	if f, err := e.Revoke(ctx, chat.UserID); f != nil || err != nil {
		t.Fatalf("Revoke ended %v, %v; a flow anyone may fill in goes on", f, err)
	}
	if _, _, err := e.Active(ctx, chat.UserID); err != nil {
		t.Fatalf("the open flow is gone: %v", err)
	}
	if err := e.Start(ctx, chat, "uji", nil); err != nil {
		t.Fatal(err)
	}
	if f, err := e.Revoke(ctx, chat.UserID); err != nil || f == nil || f.Name != "uji" {
		t.Fatalf("Revoke = %v, %v; want the coordinator's flow", f, err)
	}
	if _, _, err := e.Active(ctx, chat.UserID); !errors.Is(err, ErrNoFlow) {
		t.Fatalf("the coordinator's flow is still active: %v", err)
	}
}

func TestRegisterRefusesRoleWithoutAuthorize(t *testing.T) {
	e, _, _ := testEngine(t)
	f := testFlow(nil)
	f.Role = domain.RoleCoordinator
	if err := e.Register(f); err == nil || !strings.Contains(err.Error(), "Authorize") {
		t.Fatalf("Register = %v, want a refusal naming Authorize", err)
	}
}

package conversations

import (
	"context"
	"errors"
	"testing"
)

// TestPrefetchedAnswersTheFirstLoadOnly: a state read ahead (the queue's
// read-ahead, through Prefetched, named by StateKeys) answers the update's
// first Load; a second Load reads Redis; a read-ahead of nothing is "no
// flow", and one of only the marker lets Load consume the marker and tell
// the flow expired.
func TestPrefetchedAnswersTheFirstLoadOnly(t *testing.T) {
	e, _, _, rdb := testEngineRedis(t)
	ctx := context.Background()
	s := e.store
	state, marker := e.StateKeys()
	if state != s.key(0)[:len(s.key(0))-1] || marker != s.markerKey(0)[:len(s.markerKey(0))-1] {
		t.Fatalf("StateKeys %q %q do not begin the store's keys %q %q", state, marker, s.key(0), s.markerKey(0))
	}

	const user = 77
	if err := s.Save(ctx, user, &State{Flow: "daftar", Step: "nik", Answers: map[string]string{}}); err != nil {
		t.Fatal(err)
	}
	pctx := e.Prefetched(ctx, user, []byte(`{"flow":"lapor","step":"foto"}`), true)
	if st, err := s.Load(pctx, user); err != nil || st.Flow != "lapor" {
		t.Fatalf("first Load: %+v %v, want the state read ahead", st, err)
	}
	if st, err := s.Load(pctx, user); err != nil || st.Flow != "daftar" {
		t.Fatalf("second Load: %+v %v, want the stored state", st, err)
	}
	if _, err := s.Load(e.Prefetched(ctx, user+1, []byte(`{"flow":"lapor"}`), false), user); err != nil {
		t.Fatalf("a read-ahead of another user answered: %v", err)
	}

	if _, err := s.Load(e.Prefetched(ctx, user, nil, false), user); !errors.Is(err, ErrNoFlow) {
		t.Fatalf("nothing read ahead: %v, want ErrNoFlow", err)
	}

	if err := rdb.Del(ctx, s.key(user)).Err(); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load(e.Prefetched(ctx, user, nil, true), user)
	var expired *ExpiredState
	if !errors.As(err, &expired) || expired.Flow != "daftar" {
		t.Fatalf("only the marker read ahead: %v, want the flow expired", err)
	}
	if n, _ := rdb.Exists(ctx, s.markerKey(user)).Result(); n != 0 {
		t.Fatal("the marker was not consumed")
	}
}

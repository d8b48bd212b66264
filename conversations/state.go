package conversations

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"pilarbot/bot"
)

// ErrNoFlow means the user is not in a conversation.
var ErrNoFlow = errors.New("conversations: no active flow")

// State is everything a conversation remembers about one user, stored as
// one JSON value in Redis.
type State struct {
	ID      string            `json:"id"`   // random; part of callback data so old buttons stop working
	Flow    string            `json:"flow"` // Flow.Name
	Step    string            `json:"step"` // key of the step being asked; "" at the summary
	Answers map[string]string `json:"answers"`
	// Editing is set when the user picked one field through "Ubah": after
	// that field (and the steps that depend on it) the summary comes back.
	Editing bool `json:"editing,omitempty"`
	// Keyboard is set while the reply keyboard of a question may still
	// show; the summary then comes in two messages, the first removing it.
	Keyboard bool `json:"keyboard,omitempty"`
	// SummaryMsg is the message id of the summary whose buttons are live.
	SummaryMsg int `json:"summary_msg,omitempty"`
	// LastUpdate is the newest update applied, so a redelivered update
	// cannot answer the next question by mistake.
	LastUpdate int       `json:"last_update,omitempty"`
	Started    time.Time `json:"started"`
	Updated    time.Time `json:"updated"`
}

// Store keeps conversation states in Redis, one key per user.
//
// A state may hold personal data (a NIK typed during /daftar), so it lives
// only as long as the flow may: the idle time and an hour of slack. A small
// marker naming the flow lives a week longer, so that the user who comes
// back after the state is gone is told the flow expired.
type Store struct {
	rdb    redis.UniversalClient
	batch  *bot.RedisBatch // the saves and deletes (see NewStore)
	prefix string
	ttl    time.Duration // of the state
	marker time.Duration // of the expiry marker
}

// NewStore returns a store whose keys start with prefix, for flows that
// expire after idle without an answer. It saves and deletes states
// through batch, which the bot shares with its queue's steps
// (bot.RedisQueue.Batch): every answer of a flow saves the state, and
// concurrent handlers' saves and the workers' steps then share pipelines.
func NewStore(rdb redis.UniversalClient, batch *bot.RedisBatch, prefix string, idle time.Duration) *Store {
	return &Store{rdb: rdb, batch: batch, prefix: prefix, ttl: idle + time.Hour, marker: idle + 7*24*time.Hour}
}

// The names of a user's keys after the prefix, each followed by the id.
const (
	stateKeyName  = "conv:"
	markerKeyName = "convexp:"
)

func (s *Store) key(userID int64) string {
	return s.prefix + stateKeyName + strconv.FormatInt(userID, 10)
}

func (s *Store) markerKey(userID int64) string {
	return s.prefix + markerKeyName + strconv.FormatInt(userID, 10)
}

// ExpiredState is returned by Load when only the marker of a flow whose
// state Redis already dropped is left; the marker is consumed.
type ExpiredState struct{ Flow string }

func (e *ExpiredState) Error() string { return "conversations: state of flow " + e.Flow + " expired" }

// Load returns the user's state, an *ExpiredState, or ErrNoFlow. The
// first Load of ctx may answer from what Prefetch read.
func (s *Store) Load(ctx context.Context, userID int64) (*State, error) {
	if st, ok, err := s.prefetched(ctx, userID); ok {
		return st, err
	}
	st, err := s.peek(ctx, userID)
	if !errors.Is(err, errNoState) {
		return st, err
	}
	flow, err := s.rdb.GetDel(ctx, s.markerKey(userID)).Result()
	if errors.Is(err, redis.Nil) {
		return nil, ErrNoFlow
	}
	if err != nil {
		return nil, fmt.Errorf("conversations: load state: %w", err)
	}
	return nil, &ExpiredState{Flow: flow}
}

// errNoState is peek's answer when the user has no state.
var errNoState = errors.New("conversations: no state")

// peek returns the user's state, or errNoState, leaving the expiry marker
// alone.
func (s *Store) peek(ctx context.Context, userID int64) (*State, error) {
	b, err := s.rdb.Get(ctx, s.key(userID)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, errNoState
	}
	if err != nil {
		return nil, fmt.Errorf("conversations: load state: %w", err)
	}
	return s.decode(ctx, userID, b)
}

// decode reads a stored state; one that does not decode is deleted.
func (s *Store) decode(ctx context.Context, userID int64, b []byte) (*State, error) {
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		// A state from an incompatible version is as good as none.
		_ = s.Delete(ctx, userID)
		return nil, ErrNoFlow
	}
	if st.Answers == nil {
		st.Answers = map[string]string{}
	}
	return &st, nil
}

// Save stores the user's state.
func (s *Store) Save(ctx context.Context, userID int64, st *State) error {
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("conversations: encode state: %w", err)
	}
	// The state first: a reader between the two finds the new state, which
	// it uses, beside the marker, which it needs only when there is none.
	state := redis.NewStatusCmd(ctx, "set", s.key(userID), b, "px", s.ttl.Milliseconds())
	marker := redis.NewStatusCmd(ctx, "set", s.markerKey(userID), st.Flow, "px", s.marker.Milliseconds())
	s.batch.Do(ctx, state, marker)
	if err := cmp.Or(state.Err(), marker.Err()); err != nil {
		return fmt.Errorf("conversations: save state: %w", err)
	}
	return nil
}

// Delete forgets the user's state and its marker.
func (s *Store) Delete(ctx context.Context, userID int64) error {
	del := redis.NewIntCmd(ctx, "del", s.key(userID), s.markerKey(userID))
	s.batch.Do(ctx, del)
	if err := del.Err(); err != nil {
		return fmt.Errorf("conversations: delete state: %w", err)
	}
	return nil
}

// newID returns a short random id for callback data.
func newID() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

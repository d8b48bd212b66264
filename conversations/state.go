package conversations

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
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
	// SummaryMsg is the message id of the summary whose buttons are live.
	SummaryMsg int `json:"summary_msg,omitempty"`
	// LastUpdate is the newest update applied, so a redelivered update
	// cannot answer the next question by mistake.
	LastUpdate int       `json:"last_update,omitempty"`
	Started    time.Time `json:"started"`
	Updated    time.Time `json:"updated"`
}

// Store keeps conversation states in Redis, one key per user.
type Store struct {
	rdb    redis.UniversalClient
	prefix string
	keep   time.Duration
}

// NewStore returns a store whose keys start with prefix. Keys live for keep,
// which must be longer than the engine's idle timeout so that an expired
// flow can still be recognised and reported to the user.
func NewStore(rdb redis.UniversalClient, prefix string, keep time.Duration) *Store {
	return &Store{rdb: rdb, prefix: prefix, keep: keep}
}

func (s *Store) key(userID int64) string {
	return s.prefix + "conv:" + strconv.FormatInt(userID, 10)
}

// Load returns the user's state, or ErrNoFlow.
func (s *Store) Load(ctx context.Context, userID int64) (*State, error) {
	b, err := s.rdb.Get(ctx, s.key(userID)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, ErrNoFlow
	}
	if err != nil {
		return nil, fmt.Errorf("conversations: load state: %w", err)
	}
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
	if err := s.rdb.Set(ctx, s.key(userID), b, s.keep).Err(); err != nil {
		return fmt.Errorf("conversations: save state: %w", err)
	}
	return nil
}

// Delete forgets the user's state.
func (s *Store) Delete(ctx context.Context, userID int64) error {
	if err := s.rdb.Del(ctx, s.key(userID)).Err(); err != nil {
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

package kit

import (
	"context"
	"encoding/json"
	"slices"

	"pilarbot/conversations"
)

// A multi-select step (pilar types or places pressed one by one, each
// press adding or removing one, until "Selesai") keeps its answer as a
// JSON list of codes while it is collected: "" is nothing chosen yet,
// "[]" is everything (the "Semua …" button). The answers are stored with
// the flows in Redis, so the format does not change.

// DecodePicks reads a multi-select answer; "" and "[]" are both empty.
func DecodePicks(v string) []string {
	var list []string
	_ = json.Unmarshal([]byte(v), &list) // written by EncodePicks
	return list
}

// EncodePicks writes a multi-select answer, "[]" for none.
func EncodePicks(list []string) string {
	if list == nil {
		list = []string{}
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// TogglePick adds code to the answer cur, or removes it when chosen
// already. Everything ("[]") starts afresh, and removing the last code
// leaves nothing chosen (""), not everything.
func TogglePick(cur, code string) string {
	list := DecodePicks(cur)
	if i := slices.Index(list, code); i >= 0 {
		list = slices.Delete(list, i, i+1)
	} else {
		list = append(list, code)
	}
	if len(list) == 0 {
		return ""
	}
	return EncodePicks(list)
}

// MultiSelect is the Accept of a multi-select step whose answer is at
// Key: Done ends it, All (when set) chooses everything, anything else is
// one option, toggled, and the step is asked again (conversations.More)
// so its Ask can show what is chosen. The room asks the question; the
// labels and problems are the room's words.
type MultiSelect struct {
	Key  string
	Done string // "✅ Selesai"; plain "selesai" is taken too
	All  string // "Semua pilar", or "" for no such button; plain "semua" is taken too
	// Empty is the problem of Done while nothing is chosen.
	Empty string
	// Match reads one pressed or typed option as its code; its
	// *conversations.Invalid is shown and the step asked again. It is
	// where an option outside the coordinator's scope is refused.
	Match func(ctx context.Context, s *conversations.Session, t string) (string, error)
	// Everything is the answer of All: "[]" when nil. A scoped
	// coordinator's "everything" is their scope.
	Everything func(ctx context.Context, s *conversations.Session) (string, error)
}

// Accept is the step's answer, for conversations.TextAnswer.
func (m MultiSelect) Accept(ctx context.Context, s *conversations.Session, t string) (string, error) {
	cur := s.Get(m.Key)
	switch n := NormalizeChoice(t); {
	case n == NormalizeChoice(m.Done) || n == "selesai":
		// Without an All button "[]" is nothing, as an answer stored by
		// an earlier version can be.
		if cur == "" || (m.All == "" && len(DecodePicks(cur)) == 0) {
			return "", conversations.Invalidf(m.Empty)
		}
		return cur, nil
	case m.All != "" && (n == NormalizeChoice(m.All) || n == "semua"):
		if m.Everything == nil {
			return "[]", nil
		}
		return m.Everything(ctx, s)
	}
	code, err := m.Match(ctx, s, t)
	if err != nil {
		return "", err
	}
	return TogglePick(cur, code), conversations.More
}

package reports

import (
	"context"
	"encoding/json"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
)

// photo is one collected photo in the flow state (JSON in one answer).
type photo struct {
	FileID   string `json:"f"`
	UniqueID string `json:"u"`
}

// decodePhotos reads the photos collected so far; an empty answer is none.
func decodePhotos(v string) []photo {
	var ps []photo
	_ = json.Unmarshal([]byte(v), &ps)
	return ps
}

// encodePhotos is the answer that stores ps.
func encodePhotos(ps []photo) string {
	b, _ := json.Marshal(ps)
	return string(b)
}

// askPhotos asks for photos and, after each answer, says how many arrived.
func askPhotos(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	n := len(decodePhotos(s.Get(keyRFoto)))
	labels := []string{btnSelesai}
	if n > 0 {
		labels = append(labels, btnHapusFoto)
	}
	kb := conversations.Keyboard(2, labels...)
	switch {
	case n == 0:
		return conversations.Prompt{Text: askFoto, Keyboard: kb}, nil
	case n >= maxPhotos:
		return conversations.Prompt{Text: askFotoFull, Keyboard: kb}, nil
	case s.Get(keyRAlbum) != "":
		return conversations.Prompt{Text: askFotoAlbum, Keyboard: kb}, nil
	}
	return conversations.Prompt{Text: fmt.Sprintf(askFotoMore, n), Keyboard: kb}, nil
}

// acceptPhoto collects up to five photos, then "Selesai" closes the step.
//
// An album arrives as one update per photo, sharing a media_group_id, and
// there is no update that says the album is complete. Waiting for the rest
// (a timer per chat) would make the reply depend on timing and on state
// outside the flow; instead the first photo of an album is acknowledged
// (More) and the rest of that album are stored quietly (MoreQuietly). The
// acknowledgement of an album does not give a count, since more photos are
// on their way; the summary shows the total. The per-chat ordering of the
// dispatcher guarantees the photos of an album are applied one after the
// other.
func acceptPhoto(_ context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
	current := s.Get(keyRFoto)
	ps := decodePhotos(current)
	if len(m.Photo) == 0 {
		switch {
		case m.Text == "":
			return current, conversations.Invalidf(errFotoInput)
		case kit.NormalizeChoice(m.Text) == kit.NormalizeChoice(btnSelesai):
			return current, nil
		case kit.NormalizeChoice(m.Text) == kit.NormalizeChoice(btnHapusFoto):
			s.Set(keyRAlbum, "")
			return "", conversations.More
		}
		return current, conversations.Invalidf(errFotoText)
	}
	group := m.MediaGroupID
	inAlbum := group != "" && group == s.Get(keyRAlbum)
	largest := m.Photo[len(m.Photo)-1]
	for _, p := range ps {
		if p.UniqueID == largest.FileUniqueID {
			if inAlbum {
				return current, conversations.MoreQuietly
			}
			return current, conversations.Invalidf(errFotoDuplicate)
		}
	}
	if len(ps) >= maxPhotos {
		// Say it once per album, not once per extra photo.
		if group != "" && group == s.Get(keyRRefused) {
			return current, conversations.MoreQuietly
		}
		s.Set(keyRRefused, group)
		return current, conversations.Invalidf(errFotoTooMany)
	}
	ps = append(ps, photo{FileID: largest.FileID, UniqueID: largest.FileUniqueID})
	if inAlbum {
		return encodePhotos(ps), conversations.MoreQuietly
	}
	s.Set(keyRAlbum, group)
	return encodePhotos(ps), conversations.More
}

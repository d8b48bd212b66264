package telegramtest

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// The inputs in this file serve a person driving the fake (the playground
// page) rather than a test: they take real bytes and report a mistake as
// an error instead of failing a test.

// ErrNoButton means a press named a button the message does not show
// (anymore): the person was quicker than an edit.
var ErrNoButton = errors.New("telegramtest: the message has no such button")

// SendPhotoData sends data (an image file) as a photo with a caption and
// returns the update_id. The three sizes Telegram makes all hold data.
func (u *User) SendPhotoData(data []byte, caption string) int {
	id, _ := u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
		m.Photo = u.srv.photoFromUpload(upload{name: "photo.jpg", data: data})
		m.Caption = caption
	})
	return id
}

// SendAlbumData sends several images as one album, the caption on the
// first, and returns their update ids.
func (u *User) SendAlbumData(images [][]byte, caption string) []int {
	u.srv.mu.Lock()
	group := fmt.Sprintf("%d", 13000000000000000+u.srv.nextSeq())
	u.srv.mu.Unlock()
	ids := make([]int, len(images))
	for i, data := range images {
		ids[i], _ = u.srv.post(u.ID, u, func(m *tgbotapi.Message) {
			m.Photo = u.srv.photoFromUpload(upload{name: "photo.jpg", data: data})
			m.MediaGroupID = group
			if i == 0 {
				m.Caption = caption
			}
		})
	}
	return ids
}

// TryPress is Press for a person: it presses the button with callback
// data on the bot's message messageID in u's chat as it is now, and
// returns ErrNoButton instead of failing when there is none.
func (u *User) TryPress(messageID int, data string) (updateID int, queryID string, err error) {
	s := u.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[u.ID]
	m := c.byID[messageID]
	if m == nil || m.Deleted || !m.hasCallbackData(data) {
		return 0, "", ErrNoButton
	}
	w := s.wire(c, m)
	updateID, queryID = s.pressLocked(u, c, w.asMessage(), data)
	return updateID, queryID, nil
}

// AwaitCallbackAnswer waits until the bot answers the query or ctx ends,
// and reports whether it answered.
func (s *Server) AwaitCallbackAnswer(ctx context.Context, queryID string) (CallbackAnswer, bool) {
	for {
		s.mu.Lock()
		q, ch := s.queries[queryID], s.changed
		var a CallbackAnswer
		known, answered := q != nil, q != nil && q.answered
		if answered {
			a = q.answer
		}
		s.mu.Unlock()
		if !known {
			return CallbackAnswer{}, false
		}
		if answered {
			return a, true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return CallbackAnswer{}, false
		case <-s.closed:
			return CallbackAnswer{}, false
		}
	}
}

// AddPhoto registers data as a photo that users sent before the fake
// started, its largest size under fileID, so that a bot whose database
// names that file_id (seeded demo reports) can send it again and views
// can show it. fileID must look like a photo's and be new.
func (s *Server) AddPhoto(fileID string, data []byte) error {
	if !strings.HasPrefix(fileID, "AgAC") || len(data) == 0 {
		return fmt.Errorf("telegramtest: AddPhoto %q: want a photo file_id (AgAC...) and data", fileID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files[fileID] != nil {
		return fmt.Errorf("telegramtest: AddPhoto: file %q exists", fileID)
	}
	sizes := s.photoFromUpload(upload{name: "photo.jpg", data: data})
	last := &sizes[len(sizes)-1]
	f := s.files[last.FileID]
	delete(s.files, last.FileID)
	f.id, f.uniqueID = fileID, "AgAD"+strings.TrimPrefix(fileID, "AgAC")
	last.FileID, last.FileUniqueID = f.id, f.uniqueID
	s.files[fileID] = f
	for _, sz := range sizes {
		s.files[sz.FileID].photo = sizes
	}
	return nil
}

package bot

import (
	"encoding/json"
	"log/slog"
	"testing"
)

// FuzzDecodeUpdate feeds the poller's decoding whatever bytes Telegram (or
// something in between) might send as one update of a batch: it never
// panics, it keeps every update of the batch in order, a decoded update
// keeps its id, and ordering and the inbox's "whose update is it" never
// panic on what decodes, however many fields are missing.
func FuzzDecodeUpdate(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"first_name":"A"},"text":"/start"}}`,
		`{"update_id":2,"callback_query":{"id":"q","from":{"id":7},"data":"rw:1844674407370955162"}}`,
		`{"update_id":3,"callback_query":{"id":"q","from":{"id":7},"message":{"message_id":5,"date":1},"data":"jd:p:9"}}`,
		`{"update_id":4,"my_chat_member":{"chat":{"id":-100},"from":{"id":7},"date":1,"old_chat_member":{"status":"member"},"new_chat_member":{"status":"kicked"}}}`,
		`{"update_id":5,"message":{"message_id":1,"date":1,"contact":{"phone_number":"+6281234567890","user_id":7}}}`,
		`{"update_id":6,"edited_message":{"message_id":1,"date":1}}`,
		`{"update_id":7,"inline_query":{"id":"i","query":"x"}}`,
		`{"update_id":"8"}`, `{"update_id":9,"message":[]}`, `{"update_id":1e400}`, `[]`, `null`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	log := slog.New(slog.DiscardHandler)
	f.Fuzz(func(t *testing.T, raw []byte) {
		first := json.RawMessage(`{"update_id":100,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"a"}}`)
		batch := decodeBatch([]json.RawMessage{first, raw, first}, log)
		if len(batch) != 3 || batch[0].u == nil || batch[2].u == nil || batch[0].id != 100 {
			t.Fatalf("one bad update changed its batch: %+v", batch)
		}
		r := batch[1]
		if r.u == nil {
			return
		}
		if r.id != r.u.UpdateID {
			t.Fatalf("decoded id %d, update says %d", r.id, r.u.UpdateID)
		}
		_ = ChatKey(r.u)
		_ = fromUser(r.raw, 7)
		_ = inboxEntries(batch)
	})
}

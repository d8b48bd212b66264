package bot

import (
	"encoding/json"
	"log/slog"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// received is one update of a batch, decoded or not.
type received struct {
	id  int
	raw json.RawMessage
	u   *tgbotapi.Update // nil when the library cannot decode it
	// dropped is set when the chat's queue is full (see Poller.admit).
	dropped bool
}

// decodeBatch decodes each update on its own: one the library cannot
// parse must not stall polling.
func decodeBatch(raws []json.RawMessage, log *slog.Logger) []received {
	out := make([]received, 0, len(raws))
	for _, raw := range raws {
		var u tgbotapi.Update
		if err := json.Unmarshal(raw, &u); err != nil {
			var id struct {
				UpdateID int `json:"update_id"`
			}
			_ = json.Unmarshal(raw, &id)
			log.Error("skipping undecodable update", "update_id", id.UpdateID, "error", err)
			out = append(out, received{id: id.UpdateID, raw: raw})
			continue
		}
		out = append(out, received{id: u.UpdateID, raw: raw, u: &u})
	}
	return out
}

// decodeReceived is decodeBatch for what getUpdates returned, telling
// Received of each update.
func (p *Poller) decodeReceived(raws []json.RawMessage, log *slog.Logger) []received {
	batch := decodeBatch(raws, log)
	if p.Received != nil {
		for _, r := range batch {
			p.Received(r.raw, r.u)
		}
	}
	return batch
}

package kit

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/storage"
)

// deleteWindow is how long after sending Telegram lets a bot delete its
// message ("A message can only be deleted if it was sent less than 48
// hours ago", https://core.telegram.org/bots/api#deletemessage), with an
// hour of margin for clocks and queues.
const deleteWindow = 47 * time.Hour

// Shown records that the bot's messages ms, sent to a coordinator, show
// the volunteer volunteerID (their name, a report's uraian or photo), so
// that erasing the volunteer's data also reaches them. A message sent
// while the erasure ran is scrubbed at once. Failures are logged: the
// message itself went out.
func (e *Env) Shown(ctx context.Context, volunteerID int64, ms ...tgbotapi.Message) {
	rows := make([]storage.ShownMessage, 0, len(ms))
	// A card too long for a photo caption went as the photo with a short
	// caption and the whole card replying to it (bot.Client.Send returns
	// the reply): the photo shows the volunteer too.
	for _, m := range ms {
		if rm := m.ReplyToMessage; rm != nil && rm.From != nil && rm.From.IsBot && len(rm.Photo) > 0 {
			if rm.Chat == nil {
				rm.Chat = m.Chat
			}
			ms = append(ms, *rm)
		}
	}
	for _, m := range ms {
		if m.MessageID == 0 || m.Chat == nil {
			continue
		}
		sent := m.Time()
		if m.Date == 0 {
			sent = e.Now()
		}
		rows = append(rows, storage.ShownMessage{VolunteerID: volunteerID, ChatID: m.Chat.ID,
			MessageID: m.MessageID, Photo: len(m.Photo) > 0, SentAt: sent})
	}
	recorded, err := e.Store.RecordShown(ctx, volunteerID, rows)
	if err != nil {
		e.Log.Warn("recording a message that shows a volunteer failed", "volunteer_id", volunteerID, "error", err)
		return
	}
	if !recorded {
		e.scrubAll(ctx, rows)
	}
}

// ShownGroup is Shown for the raw result of sendMediaGroup, an array of
// messages.
func (e *Env) ShownGroup(ctx context.Context, volunteerID int64, raw json.RawMessage) {
	var ms []tgbotapi.Message
	if err := json.Unmarshal(raw, &ms); err != nil {
		e.Log.Warn("reading a sent album failed", "error", err)
		return
	}
	e.Shown(ctx, volunteerID, ms...)
}

// EraseShown makes every recorded message that shows the volunteer stop
// showing them, in the background: a photo is deleted while Telegram
// allows it, otherwise its caption is replaced; a text is replaced, or
// deleted where that fails. Chats are worked on in parallel, each at its
// own send limit; what could not be done (Telegram down) stays recorded
// for EraseShownLeft at the next start.
func (e *Env) EraseShown(ctx context.Context, volunteerID int64) {
	e.Go(ctx, func(ctx context.Context) {
		ms, err := e.Store.ShownMessages(ctx, volunteerID)
		if err != nil {
			e.Log.Warn("listing the messages that show a volunteer failed", "volunteer_id", volunteerID, "error", err)
			return
		}
		e.scrubAll(ctx, ms)
	})
}

// EraseShownLeft finishes the erasures a crash or an outage cut short.
func (e *Env) EraseShownLeft(ctx context.Context) {
	ids, err := e.Store.ErasedShown(ctx)
	if err != nil {
		e.Log.Warn("listing unfinished erasures failed", "error", err)
		return
	}
	for _, id := range ids {
		e.EraseShown(ctx, id)
	}
}

// scrubAll scrubs ms, one goroutine a chat, and forgets those done.
func (e *Env) scrubAll(ctx context.Context, ms []storage.ShownMessage) {
	ctx = bot.WithPriority(ctx, bot.PriorityBulk)
	byChat := map[int64][]storage.ShownMessage{}
	for _, m := range ms {
		byChat[m.ChatID] = append(byChat[m.ChatID], m)
	}
	var mu sync.Mutex
	var done []int64
	var wg sync.WaitGroup
	for _, chat := range byChat {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, m := range chat {
				if e.scrub(ctx, m) && m.ID != 0 {
					mu.Lock()
					done = append(done, m.ID)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := e.Store.ForgetShown(context.WithoutCancel(ctx), done); err != nil {
		e.Log.Warn("forgetting scrubbed messages failed", "error", err)
	}
}

// scrub makes one message stop showing the volunteer. It reports whether
// there is nothing left to do: done, or impossible for good (Telegram
// refused: the message is gone, or the coordinator blocked the bot).
func (e *Env) scrub(ctx context.Context, m storage.ShownMessage) bool {
	young := e.Now().Sub(m.SentAt) < deleteWindow
	if m.Photo && young {
		// The picture itself goes.
		if err := e.request(ctx, tgbotapi.NewDeleteMessage(m.ChatID, m.MessageID)); err == nil || gone(err) {
			return true
		}
	}
	var edit tgbotapi.Chattable
	if m.Photo {
		c := tgbotapi.NewEditMessageCaption(m.ChatID, m.MessageID, MsgShownErased)
		c.ParseMode = tgbotapi.ModeHTML
		edit = c
	} else {
		t := tgbotapi.NewEditMessageText(m.ChatID, m.MessageID, MsgShownErased)
		t.ParseMode = tgbotapi.ModeHTML
		edit = t
	}
	err := e.request(ctx, edit)
	if err == nil || bot.IsNotModified(err) || gone(err) {
		return true
	}
	if !m.Photo && young && e.request(ctx, tgbotapi.NewDeleteMessage(m.ChatID, m.MessageID)) == nil {
		return true
	}
	e.Log.Warn("scrubbing a message that showed an erased volunteer failed",
		"chat_id", m.ChatID, "message_id", m.MessageID, "error", err)
	return bot.IsBadRequest(err) || bot.IsBlocked(err)
}

// gone reports whether Telegram refused because the message no longer
// exists (the coordinator deleted it): nothing is left to scrub.
func gone(err error) bool {
	return bot.IsBadRequest(err) && strings.Contains(err.Error(), "not found")
}

func (e *Env) request(ctx context.Context, c tgbotapi.Chattable) error {
	_, err := e.Send.Request(ctx, c)
	return err
}

package conversations

import (
	"context"
	"errors"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/cbdata"
)

// The inline buttons of a flow: Simpan / Ubah / Batal under the summary,
// the "Ubah" menu of fields, and what a press on them does.

// Callback handles a press on an engine button ("cv:<state>:<action>[:arg]")
// and returns the short text for answerCallbackQuery.
func (e *Engine) Callback(ctx context.Context, c Chat, updateID int, q *tgbotapi.CallbackQuery) (string, error) {
	d, ok := cbdata.Parse(q.Data)
	if !ok || d.Prefix != CallbackPrefix || d.Len() < 2 {
		return msgButtonExpired, nil
	}
	st, f, err := e.Active(ctx, c.UserID)
	var expired *ExpiredError
	if errors.As(err, &expired) {
		e.removeButtons(ctx, q)
		return fmt.Sprintf(msgFlowExpired, expired.Flow.Title), nil
	}
	if errors.Is(err, ErrNoFlow) || (err == nil && (st.ID != d.Field(0) || st.Step != "")) {
		e.removeButtons(ctx, q)
		return msgButtonExpired, nil
	}
	if err != nil {
		return "", err
	}
	if updateID != 0 && updateID <= st.LastUpdate {
		return "", nil
	}
	may, err := e.allowed(ctx, f, c.UserID)
	if err != nil {
		return "", err
	}
	if !may {
		e.removeButtons(ctx, q)
		return answerRefused, e.refuse(ctx, f, c)
	}
	st.LastUpdate = updateID
	s := &Session{Chat: c, State: st}

	switch d.Field(1) {
	case "s":
		return e.finish(ctx, f, s, q)
	case "b":
		if err := e.store.Delete(ctx, c.UserID); err != nil {
			return "", err
		}
		return answerCancelled, e.cancelled(ctx, f, c, q)
	case "u":
		if err := e.save(ctx, s); err != nil {
			return "", err
		}
		e.editButtons(ctx, q, e.fieldMenu(ctx, f, s))
		return answerPickField, nil
	case "k":
		if err := e.save(ctx, s); err != nil {
			return "", err
		}
		e.editButtons(ctx, q, summaryButtons(f, st))
		return "", nil
	case "f":
		n, ok := d.Int(2, 0, int64(len(f.Steps)-1))
		i := int(n)
		// Only the fields the menu offers: callback data can be forged.
		if !ok || d.Len() != 3 || f.Steps[i].Hidden || (f.Steps[i].Skip != nil && f.Steps[i].Skip(s)) {
			return msgButtonExpired, nil
		}
		st.Editing = true
		return answerFieldChosen, e.askInstead(ctx, f, s, i, q)
	}
	return msgButtonExpired, nil
}

// finish runs the flow's Finish after the user confirmed the summary (q,
// the press) or, in a flow without one, answered the last step (q nil).
// The pressed summary becomes the receipt in one edit; a second press of
// Simpan finds the flow gone, so one record and one receipt come of it.
func (e *Engine) finish(ctx context.Context, f *Flow, s *Session, q *tgbotapi.CallbackQuery) (string, error) {
	if p, ok := pressedOf(q); ok {
		s.summary = p.msgID
	}
	text, err := f.Finish(ctx, s)
	if msg, ok := AsInvalid(err); ok {
		if q != nil {
			return "", e.summaryAgain(ctx, f, s, q, msg)
		}
		return "", e.summary(ctx, f, s, msg)
	}
	if err != nil {
		return "", err
	}
	if err := e.store.Delete(ctx, s.Chat.UserID); err != nil {
		return "", err
	}
	switch {
	case text == "" && q != nil && !s.taken:
		e.removeButtons(ctx, q)
	case text == "":
	case q != nil:
		return answerSaved, e.receipt(ctx, f, s, q, text)
	case s.Buttons != nil:
		return answerSaved, e.sendHTML(ctx, s.Chat.ChatID, text, *s.Buttons)
	default:
		return answerSaved, e.sendHTML(ctx, s.Chat.ChatID, text, tgbotapi.NewRemoveKeyboard(false))
	}
	return answerSaved, nil
}

func summaryButtons(f *Flow, st *State) tgbotapi.InlineKeyboardMarkup {
	return tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(f.saveLabel(), cbdata.New(CallbackPrefix, st.ID, "s")),
		tgbotapi.NewInlineKeyboardButtonData(btnEdit, cbdata.New(CallbackPrefix, st.ID, "u")),
		tgbotapi.NewInlineKeyboardButtonData(btnCancel, cbdata.New(CallbackPrefix, st.ID, "b")),
	))
}

// fieldMenu lists the fields the user can change, two to a row.
func (e *Engine) fieldMenu(ctx context.Context, f *Flow, s *Session) tgbotapi.InlineKeyboardMarkup {
	id := s.State.ID
	var rows [][]tgbotapi.InlineKeyboardButton
	var row []tgbotapi.InlineKeyboardButton
	for i, st := range f.Steps {
		if st.Hidden || (st.Skip != nil && st.Skip(s)) {
			continue
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(st.Label, cbdata.New(CallbackPrefix, id, "f", i)))
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnBack, cbdata.New(CallbackPrefix, id, "k")),
		tgbotapi.NewInlineKeyboardButtonData(btnCancel, cbdata.New(CallbackPrefix, id, "b")),
	))
	return tgbotapi.NewInlineKeyboardMarkup(rows...)
}

// editButtons replaces the inline keyboard of the pressed message. It is
// cosmetic: failures are ignored.
func (e *Engine) editButtons(ctx context.Context, q *tgbotapi.CallbackQuery, kb tgbotapi.InlineKeyboardMarkup) {
	if q.Message == nil || q.Message.Chat == nil {
		return
	}
	_, _ = e.send.Request(ctx, tgbotapi.NewEditMessageReplyMarkup(q.Message.Chat.ID, q.Message.MessageID, kb))
}

// removeButtons takes the inline keyboard off the pressed message so that
// it cannot be pressed again. A second removal (a Simpan tapped twice) is
// not sent: the client knows the buttons are gone and answers
// bot.ErrNotModified, since Telegram would refuse it.
func (e *Engine) removeButtons(ctx context.Context, q *tgbotapi.CallbackQuery) {
	e.editButtons(ctx, q, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
}

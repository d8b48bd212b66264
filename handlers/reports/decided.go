package reports

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/bot/tgtext"
	"pilarbot/handlers/kit"
	"pilarbot/storage"
)

// card names a report card in a coordinator's chat: the message that
// carries its buttons, and whether that is a photo's caption (a card sent
// with the report's first photo) or a text (a card without photos, or one
// whose text was too long for a caption and follows its photo). Telegram
// edits the two with different methods. A zero msgID is no card.
type card struct {
	chatID int64
	msgID  int
	photo  bool
}

// pressedCard is the card of report reportID that q was pressed on, or no
// card when the pressed message does not carry that report's buttons (a
// press forged against another message, which must not be rewritten
// into this report).
func pressedCard(q *tgbotapi.CallbackQuery, reportID int64) card {
	if q == nil || !bot.HasInlineButtons(q.Message) {
		return card{}
	}
	id := ":" + strconv.FormatInt(reportID, 10)
	for _, row := range q.Message.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if d := b.CallbackData; d != nil && (strings.HasPrefix(*d, ReviewPrefix+":") ||
				strings.HasPrefix(*d, TinjauPrefix+":")) && strings.HasSuffix(*d, id) {
				return card{chatID: q.Message.Chat.ID, msgID: q.Message.MessageID, photo: len(q.Message.Photo) > 0}
			}
		}
	}
	return card{}
}

// closeCard turns a decided report's card into the decision: head (HTML,
// the outcome) in place of the card's title, the report under it as the
// card showed it, the buttons gone. One edit, where taking the buttons off
// and confirming in a new message took two calls, the second waiting for
// the chat's one message a second; and the card keeps the decision for
// whoever scrolls back. It reports false when there was no card to edit
// or Telegram refused (the card deleted meanwhile): the buttons are then
// taken off where they can be, and the caller says head in a message.
// https://core.telegram.org/bots/api#editmessagetext
// https://core.telegram.org/bots/api#editmessagecaption
func (h *Room) closeCard(ctx context.Context, c card, head string, rep *storage.Report, v *storage.Volunteer) bool {
	if c.msgID == 0 {
		return false
	}
	text := head
	if v != nil {
		var err error
		if text, err = h.cardText(ctx, head+"\n", rep, v); err != nil {
			h.Log.Warn("checking a decided report's evidence failed", "report_id", rep.ID, "error", err)
			text = head + "\n\n" + reportCard(rep, v)
		}
	}
	var edit tgbotapi.Chattable
	if c.photo {
		e := tgbotapi.NewEditMessageCaption(c.chatID, c.msgID, tgtext.Cut(text, tgbotapi.ModeHTML, tgtext.MaxCaption))
		e.ParseMode = tgbotapi.ModeHTML
		edit = e
	} else {
		e := tgbotapi.NewEditMessageText(c.chatID, c.msgID, tgtext.Cut(text, tgbotapi.ModeHTML, tgtext.MaxText))
		e.ParseMode = tgbotapi.ModeHTML
		e.DisableWebPagePreview = true
		edit = e
	}
	_, err := h.Send.Request(ctx, edit)
	if err == nil || bot.IsNotModified(err) {
		return true
	}
	h.Log.Debug("closing a report card failed", "chat_id", c.chatID, "error", err)
	h.RemoveButtonsOf(ctx, c.chatID, c.msgID)
	return false
}

// reporterOf loads the volunteer who sent rep, for the card a decision
// closes; nil (the card then shows the decision alone) when that fails.
func (h *Room) reporterOf(ctx context.Context, rep *storage.Report) *storage.Volunteer {
	v, err := h.Store.VolunteerByID(ctx, rep.VolunteerID)
	if err != nil {
		h.Log.Warn("finding the reporter failed", "report_id", rep.ID, "error", err)
		return nil
	}
	return v
}

// stillWaiting adds to text, after sep, the line that tells a coordinator
// deciding outside the queue how many reports still wait in their scope;
// text stays as it is when none does.
func (h *Room) stillWaiting(ctx context.Context, scope storage.Scope, userID int64, text, sep string) (string, error) {
	n, err := h.Store.CountReviewQueue(ctx, scope, userID)
	if err != nil || n == 0 {
		return text, err
	}
	return text + sep + fmt.Sprintf(msgStillWaiting, kit.FormatInt(n)), nil
}

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
	"pilarbot/storage/domain"
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
// card when q is not a press of a button the message shows (a press
// forged against another message, which must not be rewritten into this
// report). The router has read reportID from q's data.
func pressedCard(q *tgbotapi.CallbackQuery, reportID int64) card {
	if !bot.Pressed(q) || !strings.HasSuffix(q.Data, ":"+strconv.FormatInt(reportID, 10)) {
		return card{}
	}
	return card{chatID: q.Message.Chat.ID, msgID: q.Message.MessageID, photo: len(q.Message.Photo) > 0}
}

// closeCard turns a decided report's card into the decision: head (HTML,
// the outcome) in place of the card's title, the report under it as the
// card showed it, the buttons gone. One edit, where taking the buttons off
// and confirming in a new message took two calls, the second waiting for
// the chat's one message a second; and the card keeps the decision for
// whoever scrolls back. It reports false when there was no card to edit
// or Telegram refused (the card deleted meanwhile), the buttons then
// taken off where they can be, and when the reporter v is erased or could
// not be loaded: their erasure has scrubbed the card or will, and it must
// not be drawn again. The caller then says head in a message.
// https://core.telegram.org/bots/api#editmessagetext
// https://core.telegram.org/bots/api#editmessagecaption
func (h *Room) closeCard(ctx context.Context, c card, head string, rep *storage.Report, v *storage.Volunteer) bool {
	if c.msgID == 0 || v == nil || v.Status == domain.StatusErased {
		return false
	}
	text, err := h.cardText(ctx, head+"\n", rep, v)
	if err != nil {
		h.Log.Warn("checking a decided report's evidence failed", "report_id", rep.ID, "error", err)
		text = head + "\n\n" + reportCard(rep, v)
	}
	m, err := h.Send.Send(ctx, cardEdit(c, text))
	if !c.photo && err != nil && strings.Contains(err.Error(), "there is no text in the message to edit") {
		// A note started before cards said which they are: a photo's.
		c.photo = true
		m, err = h.Send.Send(ctx, cardEdit(c, text))
	}
	switch {
	case err == nil:
		// The erasure lists the messages that show the volunteer: the
		// card shows them again, and RecordShown scrubs it at once if
		// the erasure came while it was edited.
		h.Shown(ctx, v.ID, m)
		return true
	case bot.IsNotModified(err):
		return true
	}
	h.Log.Debug("closing a report card failed", "chat_id", c.chatID, "error", err)
	h.RemoveButtonsOf(ctx, c.chatID, c.msgID)
	return false
}

// cardEdit is the edit that makes card c show text (HTML), its buttons
// gone: a caption edit for a photo's card.
func cardEdit(c card, text string) tgbotapi.Chattable {
	if c.photo {
		e := tgbotapi.NewEditMessageCaption(c.chatID, c.msgID, tgtext.Cut(text, tgbotapi.ModeHTML, tgtext.MaxCaption))
		e.ParseMode = tgbotapi.ModeHTML
		return e
	}
	e := tgbotapi.NewEditMessageText(c.chatID, c.msgID, tgtext.Cut(text, tgbotapi.ModeHTML, tgtext.MaxText))
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	return e
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

package conversations

import (
	"context"
	"html"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/bot/tgtext"
)

// A press on the summary is answered by editing the pressed message, not
// by sending another one: Telegram lets a bot send about one message a
// second to a chat, so a receipt sent after taking the buttons off arrived
// a second after the tap. Simpan / Kirim turns the summary into the
// receipt, Batal into the cancel notice, a refused Finish into the summary
// with the problem on top, and a field picked through Ubah into its
// question when that question needs no reply keyboard.
//
// Telegram edits only messages without reply_markup or with an inline
// keyboard, and an edit cannot remove a reply keyboard. So the engine
// removes a question's reply keyboard with the summary's first part
// (State.Keyboard), and a question that brings a reply keyboard is always
// a new message.

// question is a step's question as the engine sends it.
type question struct {
	text     string
	keyboard *tgbotapi.ReplyKeyboardMarkup
}

// question is step i's question, stored as the step being asked: its text
// (after the problem with the previous answer, if any) and its reply
// keyboard, which the state remembers until a message removes it.
func (e *Engine) question(ctx context.Context, f *Flow, s *Session, i int, problem string) (question, error) {
	p, err := f.Steps[i].Ask(ctx, s)
	if err != nil {
		return question{}, err
	}
	s.State.Step = f.Steps[i].Key
	s.State.Keyboard = p.Keyboard != nil
	if err := e.save(ctx, s); err != nil {
		return question{}, err
	}
	q := question{text: p.Text, keyboard: p.Keyboard}
	if problem != "" {
		q.text = msgProblemPrefix + html.EscapeString(problem) + "\n\n" + q.text
	}
	return q, nil
}

// markup is the question's reply keyboard, or the removal of any keyboard
// an earlier question left.
func (q question) markup() any {
	if q.keyboard != nil {
		return *q.keyboard
	}
	return tgbotapi.NewRemoveKeyboard(false)
}

// pressed is the message whose inline button the user pressed.
type pressed struct {
	chatID int64
	msgID  int
	plain  string // what it shows, as Telegram sent it with the press
}

// pressedOf reads the pressed message. Only one that shows the pressed
// button is taken (bot.Pressed): a press forged against another message
// must not turn it into the receipt, and one against a question sent
// with a reply keyboard would be refused by Telegram.
func pressedOf(q *tgbotapi.CallbackQuery) (pressed, bool) {
	if !bot.Pressed(q) {
		return pressed{}, false
	}
	return pressed{chatID: q.Message.Chat.ID, msgID: q.Message.MessageID, plain: q.Message.Text}, true
}

// showsAnswers reports whether the pressed message holds the summary's
// answers, rather than the confirm prompt alone that follows them when
// the summary came in two messages.
func (p pressed) showsAnswers(f *Flow) bool {
	return strings.Contains(p.plain, tgtext.Plain(f.SummaryTitle, tgtext.HTML))
}

// edit replaces the text of p, with kb as its buttons (nil: none). It
// reports whether p now shows text; an edit that would change nothing
// (a repeated press) counts as shown.
// https://core.telegram.org/bots/api#editmessagetext
func (e *Engine) edit(ctx context.Context, p pressed, text string, kb *tgbotapi.InlineKeyboardMarkup) bool {
	edit := tgbotapi.NewEditMessageText(p.chatID, p.msgID, text)
	edit.ParseMode = tgbotapi.ModeHTML
	edit.ReplyMarkup = kb
	_, err := e.send.Request(ctx, edit)
	return err == nil || bot.IsNotModified(err)
}

// receipt turns the pressed summary into Finish's message. The answers
// stay above it, as the record of what was sent, unless the flow's
// receipt shows everything itself (ReplaceSummary), the answers are in the
// message before, or both would not fit in one message (an edit cannot be
// split). If the summary cannot be edited (the user deleted it), the
// receipt comes as a new message.
func (e *Engine) receipt(ctx context.Context, f *Flow, s *Session, q *tgbotapi.CallbackQuery, text string) error {
	p, ok := pressedOf(q)
	full := text
	if ok && !f.ReplaceSummary && !s.taken && p.showsAnswers(f) {
		if t := e.summaryText(ctx, f, s) + "\n\n" + text; tgtext.Fits(t, tgtext.HTML, tgtext.MaxText) {
			full = t
		}
	}
	if ok && e.edit(ctx, p, full, s.Buttons) {
		return nil
	}
	if s.Buttons != nil {
		return e.sendHTML(ctx, s.Chat.ChatID, text, *s.Buttons)
	}
	return e.sendHTML(ctx, s.Chat.ChatID, text, tgbotapi.NewRemoveKeyboard(false))
}

// summaryAgain shows the pressed summary again with the problem Finish
// found on top, its buttons kept; a new summary if it cannot be edited.
func (e *Engine) summaryAgain(ctx context.Context, f *Flow, s *Session, q *tgbotapi.CallbackQuery, problem string) error {
	p, ok := pressedOf(q)
	if !ok {
		return e.summary(ctx, f, s, problem)
	}
	s.State.Step, s.State.Editing, s.State.Keyboard = "", false, false
	if err := e.save(ctx, s); err != nil {
		return err
	}
	text := msgProblemPrefix + html.EscapeString(problem) + "\n\n"
	if p.showsAnswers(f) {
		text += e.summaryText(ctx, f, s) + "\n\n"
	}
	kb := summaryButtons(f, s.State)
	if e.edit(ctx, p, text+msgConfirmPrompt, &kb) {
		return nil
	}
	e.removeButtons(ctx, q)
	return e.summary(ctx, f, s, problem)
}

// cancelled turns the pressed summary into the cancel notice.
func (e *Engine) cancelled(ctx context.Context, f *Flow, c Chat, q *tgbotapi.CallbackQuery) error {
	if p, ok := pressedOf(q); ok && e.edit(ctx, p, CancelText(f), nil) {
		return nil
	}
	e.removeButtons(ctx, q)
	return e.sendHTML(ctx, c.ChatID, CancelText(f), tgbotapi.NewRemoveKeyboard(false))
}

// askInstead asks step i, picked through Ubah, in place of the pressed
// summary when its question needs no reply keyboard; otherwise the
// summary's buttons come off and the question is a new message.
func (e *Engine) askInstead(ctx context.Context, f *Flow, s *Session, i int, q *tgbotapi.CallbackQuery) error {
	showing := s.State.Keyboard
	qn, err := e.question(ctx, f, s, i, "")
	if err != nil {
		return err
	}
	if p, ok := pressedOf(q); ok && qn.keyboard == nil && !showing && e.edit(ctx, p, qn.text, nil) {
		return nil
	}
	e.removeButtons(ctx, q)
	return e.sendHTML(ctx, s.Chat.ChatID, qn.text, qn.markup())
}

// ReviewInPlace is Review answering a press (an "Ubah data" offer): the
// pressed message becomes the summary with the "Ubah" menu.
func (e *Engine) ReviewInPlace(ctx context.Context, c Chat, q *tgbotapi.CallbackQuery, name string, answers map[string]string) error {
	text, menu, err := e.review(ctx, c, name, answers)
	if err != nil {
		return err
	}
	if p, ok := pressedOf(q); ok && e.edit(ctx, p, text, &menu) {
		return nil
	}
	if q != nil {
		e.removeButtons(ctx, q)
	}
	return e.sendHTML(ctx, c.ChatID, text, menu)
}

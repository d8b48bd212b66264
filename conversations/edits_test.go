package conversations

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/tgtext"
)

// calls is a Sender that keeps every request in order, and fails edits
// while failEdits is set.
type calls struct {
	mu        sync.Mutex
	sent      []tgbotapi.MessageConfig
	edits     []tgbotapi.EditMessageTextConfig
	markups   int
	failEdits bool
}

func (c *calls) Send(_ context.Context, m tgbotapi.Chattable) (tgbotapi.Message, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, m.(tgbotapi.MessageConfig))
	return tgbotapi.Message{MessageID: len(c.sent)}, nil
}

func (c *calls) Request(_ context.Context, m tgbotapi.Chattable) (json.RawMessage, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch v := m.(type) {
	case tgbotapi.EditMessageTextConfig:
		if c.failEdits {
			return nil, errors.New("Bad Request: message to edit not found")
		}
		c.edits = append(c.edits, v)
	case tgbotapi.EditMessageReplyMarkupConfig:
		c.markups++
	}
	return json.RawMessage(`true`), nil
}

// keyboardFlow asks a name, then a kelurahan from a reply keyboard, last.
func keyboardFlow(finish func(*Session) (string, error)) *Flow {
	kb := Keyboard(2, "Mayangan", "Trajeng")
	anything := TextAnswer(func(_ context.Context, _ *Session, t string) (string, error) { return t, nil })
	return &Flow{
		Name: "kb", Title: "uji", Entry: "kb", Confirm: true, SummaryTitle: "Ringkasan uji",
		Steps: []Step{
			{Key: "nama", Label: "Nama", Ask: ask("Nama?"), Accept: anything},
			{Key: "kel", Label: "Kelurahan", Ask: func(context.Context, *Session) (Prompt, error) {
				return Prompt{Text: "Kelurahan?", Keyboard: kb}, nil
			}, Accept: anything},
		},
		Finish: func(_ context.Context, s *Session) (string, error) { return finish(s) },
	}
}

// atSummary puts the flow "kb" at its summary with answers.
func atSummary(t *testing.T, e *Engine, answers map[string]string) {
	t.Helper()
	f, st := e.newState("kb", answers)
	if err := e.summary(context.Background(), f, &Session{Chat: chat, State: st}, ""); err != nil {
		t.Fatal(err)
	}
}

func callsEngine(t *testing.T, f *Flow) (*Engine, *calls) {
	t.Helper()
	e, _, _ := testEngine(t)
	c := &calls{}
	e.send = c
	if err := e.Register(f); err != nil {
		t.Fatal(err)
	}
	return e, c
}

// press presses label on the message the engine sent as number n (from
// 1), as Telegram delivers it: the message with its plain text.
func press(t *testing.T, e *Engine, c *calls, upd *int, n int, label string) string {
	t.Helper()
	c.mu.Lock()
	m := c.sent[n-1]
	c.mu.Unlock()
	q := &tgbotapi.CallbackQuery{Message: &tgbotapi.Message{MessageID: n, Chat: &tgbotapi.Chat{ID: chat.ChatID},
		Text: tgtext.Plain(m.Text, tgtext.HTML)}}
	kb, _ := m.ReplyMarkup.(tgbotapi.InlineKeyboardMarkup)
	q.Message.ReplyMarkup = &kb
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.Text == label {
				q.Data = *b.CallbackData
			}
		}
	}
	if q.Data == "" {
		t.Fatalf("message %d %q has no button %q", n, m.Text, label)
	}
	*upd++
	ans, err := e.Callback(context.Background(), chat, *upd, q)
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

func TestSummaryAfterAReplyKeyboardRemovesIt(t *testing.T) {
	e, c := callsEngine(t, keyboardFlow(func(*Session) (string, error) { return "Tersimpan.", nil }))
	upd := 0
	if err := e.Start(context.Background(), chat, "kb", nil); err != nil {
		t.Fatal(err)
	}
	answer(t, e, &upd, text("Sri"))
	answer(t, e, &upd, text("Mayangan"))
	if len(c.sent) != 4 {
		t.Fatalf("sent %d messages, want two questions and the summary in two", len(c.sent))
	}
	answers, prompt := c.sent[2], c.sent[3]
	if _, ok := answers.ReplyMarkup.(tgbotapi.ReplyKeyboardRemove); !ok || !strings.Contains(answers.Text, "Kelurahan: <b>Mayangan</b>") {
		t.Fatalf("the answers %q come with %T, want the removal of the keyboard", answers.Text, answers.ReplyMarkup)
	}
	if _, ok := prompt.ReplyMarkup.(tgbotapi.InlineKeyboardMarkup); !ok || prompt.Text != msgConfirmPrompt {
		t.Fatalf("the prompt = %q with %T, want the confirm prompt with the buttons", prompt.Text, prompt.ReplyMarkup)
	}
	if ans := press(t, e, c, &upd, 4, btnSave); ans != answerSaved {
		t.Fatalf("Simpan answered %q", ans)
	}
	if len(c.sent) != 4 || len(c.edits) != 1 || c.markups != 0 {
		t.Fatalf("Simpan made %d messages, %d text edits, %d markup edits; want one text edit", len(c.sent)-4, len(c.edits), c.markups)
	}
	if ed := c.edits[0]; ed.MessageID != 4 || ed.Text != "Tersimpan." || ed.ReplyMarkup != nil {
		t.Fatalf("edit = message %d %q %v, want the prompt turned into the receipt alone", ed.MessageID, ed.Text, ed.ReplyMarkup)
	}
}

func TestSimpanKeepsTheAnswersAboveTheReceipt(t *testing.T) {
	receipt := "Tersimpan."
	e, c := callsEngine(t, keyboardFlow(func(*Session) (string, error) { return receipt, nil }))
	upd := 0
	atSummary(t, e, map[string]string{"nama": "Sri", "kel": "Trajeng"})
	st, _, _ := e.Active(context.Background(), chat.UserID)
	// Ubah → Nama: the question needs no keyboard, so it replaces the
	// summary; the summary after it is one message.
	n := len(c.sent)
	press(t, e, c, &upd, n, btnEdit)
	c.sent[n-1].ReplyMarkup = e.fieldMenu(context.Background(), e.Flow("kb"), &Session{Chat: chat, State: st})
	press(t, e, c, &upd, n, "Nama")
	if len(c.sent) != n || len(c.edits) != 1 || c.edits[0].Text != "Nama?" {
		t.Fatalf("picking Nama sent %d and edited %v, want the summary edited into the question", len(c.sent)-n, c.edits)
	}
	answer(t, e, &upd, text("Sri <Rahayu>"))
	if len(c.sent) != n+1 {
		t.Fatalf("sent %d messages after the answer, want the summary in one", len(c.sent)-n)
	}
	press(t, e, c, &upd, n+1, btnSave)
	ed := c.edits[len(c.edits)-1]
	if ed.MessageID != n+1 || !strings.HasPrefix(ed.Text, "<b>Ringkasan uji</b>") || !strings.Contains(ed.Text, "Sri &lt;Rahayu&gt;") ||
		!strings.HasSuffix(ed.Text, "\n\n"+receipt) || strings.Contains(ed.Text, msgConfirmPrompt) || ed.ReplyMarkup != nil {
		t.Fatalf("receipt = message %d %q, want the answers and the receipt without buttons", ed.MessageID, ed.Text)
	}
}

func TestReceiptTooLongForTheAnswersComesAlone(t *testing.T) {
	long := strings.Repeat("🙏", 2040) // 4,080 UTF-16 units
	e, c := callsEngine(t, keyboardFlow(func(*Session) (string, error) { return long, nil }))
	upd := 0
	atSummary(t, e, map[string]string{"nama": "Sri", "kel": "Trajeng"})
	press(t, e, c, &upd, 1, btnSave)
	if len(c.edits) != 1 || c.edits[0].Text != long {
		t.Fatalf("edits = %d, want the receipt alone, which fits", len(c.edits))
	}
}

func TestBatalAndARefusedFinishEditTheSummary(t *testing.T) {
	refuse := true
	e, c := callsEngine(t, keyboardFlow(func(*Session) (string, error) {
		if refuse {
			return "", Invalidf("NIK sudah terdaftar.")
		}
		return "Tersimpan.", nil
	}))
	upd := 0
	ctx := context.Background()
	atSummary(t, e, map[string]string{"nama": "Sri", "kel": "Trajeng"})
	press(t, e, c, &upd, 1, btnSave)
	ed := c.edits[0]
	kb := ed.ReplyMarkup
	if len(c.sent) != 1 || !strings.HasPrefix(ed.Text, msgProblemPrefix+"NIK sudah terdaftar.") || !strings.Contains(ed.Text, "Kelurahan: <b>Trajeng</b>") || kb == nil {
		t.Fatalf("a refused Finish sent %d and edited %q, want the summary with the problem and its buttons", len(c.sent)-1, ed.Text)
	}
	c.sent[0].Text, c.sent[0].ReplyMarkup = ed.Text, *kb
	press(t, e, c, &upd, 1, btnCancel)
	if len(c.sent) != 1 || len(c.edits) != 2 || c.edits[1].Text != CancelText(e.Flow("kb")) || c.edits[1].ReplyMarkup != nil {
		t.Fatalf("Batal sent %d and edited %v, want the summary edited into the cancel notice", len(c.sent)-1, c.edits[1:])
	}
	if _, _, err := e.Active(ctx, chat.UserID); !errors.Is(err, ErrNoFlow) {
		t.Fatalf("the flow is left after Batal: %v", err)
	}

	// A summary that cannot be edited any more (deleted by the user):
	// the receipt comes as a message, removing any keyboard.
	refuse = false
	atSummary(t, e, map[string]string{"nama": "Sri", "kel": "Trajeng"})
	c.failEdits = true
	press(t, e, c, &upd, 2, btnSave)
	last := c.sent[len(c.sent)-1]
	if _, ok := last.ReplyMarkup.(tgbotapi.ReplyKeyboardRemove); len(c.sent) != 3 || last.Text != "Tersimpan." || !ok {
		t.Fatalf("after a failed edit: %d messages, last %q", len(c.sent), last.Text)
	}
}

// A press forged against a message without buttons (a question sent with
// a reply keyboard, which Telegram does not edit) edits nothing: the
// receipt comes as a message.
func TestForgedPressOnAMessageWithoutButtonsEditsNothing(t *testing.T) {
	e, c := callsEngine(t, keyboardFlow(func(*Session) (string, error) { return "Tersimpan.", nil }))
	atSummary(t, e, map[string]string{"nama": "Sri", "kel": "Trajeng"})
	kb := c.sent[0].ReplyMarkup.(tgbotapi.InlineKeyboardMarkup)
	q := &tgbotapi.CallbackQuery{Data: *kb.InlineKeyboard[0][0].CallbackData,
		Message: &tgbotapi.Message{MessageID: 99, Chat: &tgbotapi.Chat{ID: chat.ChatID}, Text: "Kelurahan?"}}
	if _, err := e.Callback(context.Background(), chat, 1, q); err != nil {
		t.Fatal(err)
	}
	if len(c.edits) != 0 || len(c.sent) != 2 || c.sent[1].Text != "Tersimpan." {
		t.Fatalf("a forged press made %d edits and %d messages, want the receipt as a message", len(c.edits), len(c.sent)-1)
	}
}

// A press forged against another message that has buttons of its own (an
// event card, a menu) leaves that message alone: only a message showing
// the pressed button becomes the receipt.
func TestForgedPressOnAnotherCardEditsNothing(t *testing.T) {
	e, c := callsEngine(t, keyboardFlow(func(*Session) (string, error) { return "Tersimpan.", nil }))
	atSummary(t, e, map[string]string{"nama": "Sri", "kel": "Trajeng"})
	kb := c.sent[0].ReplyMarkup.(tgbotapi.InlineKeyboardMarkup)
	other := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Hadir", "ev:yes:1")))
	q := &tgbotapi.CallbackQuery{Data: *kb.InlineKeyboard[0][0].CallbackData,
		Message: &tgbotapi.Message{MessageID: 98, Chat: &tgbotapi.Chat{ID: chat.ChatID}, Text: "Bimtek", ReplyMarkup: &other}}
	if _, err := e.Callback(context.Background(), chat, 1, q); err != nil {
		t.Fatal(err)
	}
	if len(c.edits) != 0 || len(c.sent) != 2 || c.sent[1].Text != "Tersimpan." {
		t.Fatalf("a press forged on another card made %d edits and %d messages, want the receipt as a message", len(c.edits), len(c.sent)-1)
	}
}

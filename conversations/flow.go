package conversations

import (
	"context"
	"errors"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/storage/domain"
)

// A Flow is a conversation as data: the command that enters it, the steps
// to ask in order, how its summary reads, what happens when the user
// confirms it and what they read when they leave it.
//
// Exits are the same for every flow and belong to the router: /batal
// cancels (CancelText), any other command stops the flow unsaved, and a
// flow left idle past its lifetime expires; the user is then pointed back
// to Entry.
type Flow struct {
	Name  string // unique; stored in the state
	Title string // what the user is filling in, e.g. "pendaftaran"
	// Entry is the command, without "/", that starts the flow again (for
	// the tolak flow, "verifikasi"). Register refuses a flow without one.
	Entry string
	Steps []Step
	// Confirm shows a summary with Simpan / Ubah / Batal before Finish.
	// Without it Finish runs right after the last step.
	Confirm bool
	// SummaryTitle heads the summary (HTML).
	SummaryTitle string
	// SaveLabel replaces "Simpan" on the summary, e.g. "Kirim".
	SaveLabel string
	// Finish saves the answers. It returns the message for the user (HTML),
	// or "" when Finish has already told the user everything.
	// An *Invalid error is shown to the user and the summary comes back.
	// After a press of Simpan the message becomes the summary's receipt:
	// the summary is edited into it, the answers kept above it.
	Finish func(ctx context.Context, s *Session) (string, error)
	// ReplaceSummary makes Finish's message replace the answers instead
	// of following them, for a receipt that shows everything itself (a
	// saved event's card).
	ReplaceSummary bool
	// CancelText replaces the default message after /batal (HTML).
	CancelText string
	// Role is the least role the user must hold to go on with the flow
	// (domain.RoleCoordinator for a rejection reason), "" for anyone. The
	// engine asks Engine.Authorize before it takes each answer and each
	// press of the flow's buttons, so someone who loses the role half-way
	// cannot finish; what Finish commits must check it once more in its
	// transaction.
	Role domain.Role
}

// A Step asks one question and accepts one answer.
type Step struct {
	Key   string // answer key
	Label string // field name in the summary and the "Ubah" menu
	Ask   func(ctx context.Context, s *Session) (Prompt, error)
	// Accept validates the message and returns the value to store. An
	// *Invalid error makes the engine explain and ask again.
	Accept func(ctx context.Context, s *Session, m *tgbotapi.Message) (string, error)
	// Show renders a stored value for the summary (plain text); default:
	// the value itself. Use it to mask personal data.
	Show func(s *Session, value string) string
	// Skip leaves the step out for these answers.
	Skip func(s *Session) bool
	// Hidden keeps the step out of the summary and the "Ubah" menu.
	Hidden bool
	// Dependent steps are asked again, when editing, after the step
	// before them (a kelurahan after its kecamatan).
	Dependent bool
}

// Prompt is a question: HTML text and an optional reply keyboard. Without
// a keyboard the engine removes any keyboard left from an earlier question.
type Prompt struct {
	Text     string
	Keyboard *tgbotapi.ReplyKeyboardMarkup
}

// Session is what step functions see: the chat and the answers so far.
type Session struct {
	Chat  Chat
	State *State
	// Buttons, set by Finish, go under its message (an inline keyboard,
	// e.g. "Umumkan sekarang" under a saved event).
	Buttons *tgbotapi.InlineKeyboardMarkup

	summary int  // the pressed summary's message id while Finish runs
	taken   bool // Finish took the summary for a message of its own
}

// TakeSummary hands Finish the id of the summary message whose button
// finished the flow, for a message of its own that is edited later (a
// call-up's tally); 0 when Finish runs after a typed answer. The engine
// then edits the message only into a message Finish returns, such as a
// refusal.
func (s *Session) TakeSummary() int {
	s.taken = s.summary != 0
	return s.summary
}

// Get returns an answer, or "".
func (s *Session) Get(key string) string { return s.State.Answers[key] }

// Set stores an extra value alongside the step's own answer.
func (s *Session) Set(key, value string) { s.State.Answers[key] = value }

// Chat says who the conversation is with.
type Chat struct {
	UserID int64
	ChatID int64
}

// More is returned (possibly wrapped) by Step.Accept with a value when the
// step took the answer but stays open for more: a photo of several, one
// choice of a multi-select. The engine stores the value and asks the step
// again, so its Ask can show what was collected so far.
var More = errors.New("conversations: step wants more answers")

// MoreQuietly is like More but sends nothing: for the second and later
// photos of an album, which arrive as separate updates but are one answer.
var MoreQuietly = errors.New("conversations: step wants more answers, quietly")

// Invalid is an answer the user must correct. Msg is Indonesian, shown as
// it is (HTML-escaped) before the question is asked again.
type Invalid struct{ Msg string }

func (e *Invalid) Error() string { return e.Msg }

// Invalidf returns an *Invalid with a fixed message.
func Invalidf(msg string) error { return &Invalid{Msg: msg} }

// AsInvalid reports the user-facing message of an *Invalid error.
func AsInvalid(err error) (string, bool) {
	var inv *Invalid
	if errors.As(err, &inv) {
		return inv.Msg, true
	}
	return "", false
}

// TextAnswer adapts a parser of typed text to Step.Accept: anything but
// text (a sticker, a photo) is refused with a short explanation.
func TextAnswer(parse func(ctx context.Context, s *Session, text string) (string, error)) func(context.Context, *Session, *tgbotapi.Message) (string, error) {
	return func(ctx context.Context, s *Session, m *tgbotapi.Message) (string, error) {
		if m.Text == "" {
			return "", Invalidf(msgTextOnly)
		}
		return parse(ctx, s, m.Text)
	}
}

// Keyboard builds a one-tap reply keyboard with the labels in rows of cols.
func Keyboard(cols int, labels ...string) *tgbotapi.ReplyKeyboardMarkup {
	if cols < 1 {
		cols = 1
	}
	var rows [][]tgbotapi.KeyboardButton
	for i := 0; i < len(labels); i += cols {
		var row []tgbotapi.KeyboardButton
		for _, l := range labels[i:min(i+cols, len(labels))] {
			row = append(row, tgbotapi.NewKeyboardButton(l))
		}
		rows = append(rows, row)
	}
	kb := tgbotapi.NewReplyKeyboard(rows...)
	kb.OneTimeKeyboard = true
	return &kb
}

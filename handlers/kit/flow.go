package kit

import (
	"context"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot/cbdata"
	"pilarbot/conversations"
	"pilarbot/storage/domain"
)

// AskFunc and AcceptFunc are the two halves of a flow step.
type (
	AskFunc    = func(context.Context, *conversations.Session) (conversations.Prompt, error)
	AcceptFunc = func(context.Context, *conversations.Session, *tgbotapi.Message) (string, error)
)

// Fixed is a step question that does not depend on earlier answers.
func Fixed(text string, kb *tgbotapi.ReplyKeyboardMarkup) AskFunc {
	return func(context.Context, *conversations.Session) (conversations.Prompt, error) {
		return conversations.Prompt{Text: text, Keyboard: kb}, nil
	}
}

// Text makes a step answer of a parser of typed text (parse.Name, a
// closure over parse.Text…): its *conversations.Invalid is shown and the
// question asked again; a sticker or a photo is refused by the engine.
func Text(parse func(string) (string, error)) AcceptFunc {
	return conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
		return parse(t)
	})
}

// Choice accepts one of labels, typed or tapped, loosely matched (case,
// spaces, "-" and "_" do not count), and stores the label itself.
func Choice(labels []string, problem string) AcceptFunc {
	return Text(func(t string) (string, error) {
		if l, ok := MatchChoice(t, labels); ok {
			return l, nil
		}
		return "", conversations.Invalidf(problem)
	})
}

// MatchChoice returns the label t stands for.
func MatchChoice(t string, labels []string) (string, bool) {
	n := NormalizeChoice(t)
	for _, l := range labels {
		if n == NormalizeChoice(l) {
			return l, true
		}
	}
	return "", false
}

// NormalizeChoice folds what people type for a button label: lower case,
// "_" and "-" as spaces, single spaces.
func NormalizeChoice(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// PhoneKeyboard is the one-button keyboard that shares the user's own
// number as a contact.
func PhoneKeyboard(label string) *tgbotapi.ReplyKeyboardMarkup {
	kb := tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonContact(label)))
	kb.OneTimeKeyboard = true
	return &kb
}

// LocationKeyboard offers the "send location" button and, below it, one
// row for each other label (Lewati, Selesai…).
func LocationKeyboard(location string, others ...string) *tgbotapi.ReplyKeyboardMarkup {
	rows := [][]tgbotapi.KeyboardButton{{tgbotapi.NewKeyboardButtonLocation(location)}}
	for _, o := range others {
		rows = append(rows, tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton(o)))
	}
	kb := tgbotapi.NewReplyKeyboard(rows...)
	kb.OneTimeKeyboard = true
	kb.ResizeKeyboard = true
	return &kb
}

// Pin is a map-pin step: a location shared with Telegram's button, stored
// as "lat,lon", or the Skip label, stored as "". The texts are the room's.
type Pin struct {
	// Within is where the pin may lie; the zero box allows anywhere (an
	// event may take place outside the city).
	Within  domain.BBox
	Skip    string // the button label that sends no pin
	Outside string // the problem of a pin outside Within
	Input   string // the problem of anything else
}

// Accept is the step's Accept.
func (p Pin) Accept(_ context.Context, _ *conversations.Session, m *tgbotapi.Message) (string, error) {
	if l := m.Location; l != nil {
		if p.Within != (domain.BBox{}) && !p.Within.Contains(l.Latitude, l.Longitude) {
			return "", conversations.Invalidf(p.Outside)
		}
		return strconv.FormatFloat(l.Latitude, 'f', 6, 64) + "," + strconv.FormatFloat(l.Longitude, 'f', 6, 64), nil
	}
	if NormalizeChoice(m.Text) == NormalizeChoice(p.Skip) {
		return "", nil
	}
	return "", conversations.Invalidf(p.Input)
}

// SplitPin reads an answer of a Pin step.
func SplitPin(v string) (lat, lon float64, ok bool) {
	a, b, found := strings.Cut(v, ",")
	lat, err1 := strconv.ParseFloat(a, 64)
	lon, err2 := strconv.ParseFloat(b, 64)
	return lat, lon, found && err1 == nil && err2 == nil
}

// Button is an inline button whose data is built by the one codec.
func Button(label, prefix string, fields ...any) tgbotapi.InlineKeyboardButton {
	return tgbotapi.NewInlineKeyboardButtonData(label, cbdata.New(prefix, fields...))
}

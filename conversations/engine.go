package conversations

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"maps"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/storage/domain"
)

// Sender is what the engine needs from the Telegram client.
type Sender interface {
	Send(ctx context.Context, c tgbotapi.Chattable) (tgbotapi.Message, error)
	Request(ctx context.Context, c tgbotapi.Chattable) (json.RawMessage, error)
}

// CallbackPrefix starts the callback data of every engine button.
const CallbackPrefix = "cv"

// ExpiredError is returned by Active for a flow left idle too long; the
// state is already gone.
type ExpiredError struct{ Flow *Flow }

func (e *ExpiredError) Error() string { return "conversations: flow " + e.Flow.Name + " expired" }

// AuthorizeFunc reports whether the user holds role now.
type AuthorizeFunc func(ctx context.Context, userID int64, role domain.Role) (bool, error)

// Engine runs flows: it asks the steps, validates answers, shows the
// summary and calls Finish, keeping each user's state in a Store.
type Engine struct {
	store *Store
	send  Sender
	flows map[string]*Flow
	idle  time.Duration
	// Now is the clock; tests move it to expire flows.
	Now func() time.Time
	// Authorize checks the Role of a flow before each answer and press.
	// Roles live in the configuration and the store, which the engine does
	// not know, so the handlers set it before registering such a flow.
	Authorize AuthorizeFunc
}

// NewEngine returns an engine whose flows expire after idle without an
// answer.
func NewEngine(store *Store, send Sender, idle time.Duration) *Engine {
	return &Engine{store: store, send: send, flows: map[string]*Flow{}, idle: idle, Now: time.Now}
}

// Register adds flows. It refuses, naming the flow, one without a name
// or an entry command, or a name registered twice: the bot must not start
// with a flow it cannot send users back to.
func (e *Engine) Register(fs ...*Flow) error {
	for _, f := range fs {
		switch _, dup := e.flows[f.Name]; {
		case f.Name == "":
			return fmt.Errorf("conversations: flow %q has no name", f.Title)
		case f.Entry == "":
			return fmt.Errorf("conversations: flow %q declares no entry command", f.Name)
		case dup:
			return fmt.Errorf("conversations: flow %q registered twice", f.Name)
		case f.Role != "" && e.Authorize == nil:
			return fmt.Errorf("conversations: flow %q needs role %q but the engine has no Authorize", f.Name, f.Role)
		}
		e.flows[f.Name] = f
	}
	return nil
}

// Flows returns the registered flows, for checking their entry commands.
func (e *Engine) Flows() []*Flow {
	out := make([]*Flow, 0, len(e.flows))
	for _, f := range e.flows {
		out = append(out, f)
	}
	return out
}

// Flow returns a registered flow by name, or nil.
func (e *Engine) Flow(name string) *Flow { return e.flows[name] }

// Active returns the user's state and flow. It returns ErrNoFlow when there
// is none and an *ExpiredError when the flow was idle too long.
func (e *Engine) Active(ctx context.Context, userID int64) (*State, *Flow, error) {
	st, err := e.store.Load(ctx, userID)
	var gone *ExpiredState
	if errors.As(err, &gone) {
		if f := e.flows[gone.Flow]; f != nil {
			return nil, nil, &ExpiredError{Flow: f}
		}
		return nil, nil, ErrNoFlow
	}
	if err != nil {
		return nil, nil, err
	}
	f := e.flows[st.Flow]
	if f == nil {
		_ = e.store.Delete(ctx, userID)
		return nil, nil, ErrNoFlow
	}
	if e.Now().Sub(st.Updated) > e.idle {
		if err := e.store.Delete(ctx, userID); err != nil {
			return nil, nil, err
		}
		return nil, nil, &ExpiredError{Flow: f}
	}
	return st, f, nil
}

// InProgress reports whether the user is in a flow that has not expired.
// Unlike Active it changes nothing: an expired flow is left for Active to
// report.
func (e *Engine) InProgress(ctx context.Context, userID int64) (bool, error) {
	st, err := e.store.peek(ctx, userID)
	switch {
	case errors.Is(err, errNoState), errors.Is(err, ErrNoFlow):
		return false, nil
	case err != nil:
		return false, err
	}
	return e.flows[st.Flow] != nil && e.Now().Sub(st.Updated) <= e.idle, nil
}

// Start begins flow name with optional prefilled answers and asks the first
// step that is not skipped.
func (e *Engine) Start(ctx context.Context, c Chat, name string, answers map[string]string) error {
	f, st := e.newState(name, answers)
	s := &Session{Chat: c, State: st}
	if i := nextStep(ctx, f, s, 0); i < len(f.Steps) {
		return e.ask(ctx, f, s, i, "")
	}
	return e.summaryOrFinish(ctx, f, s)
}

// Review begins flow name with all answers given and shows the summary with
// the "Ubah" menu open, for changing existing data.
func (e *Engine) Review(ctx context.Context, c Chat, name string, answers map[string]string) error {
	text, menu, err := e.review(ctx, c, name, answers)
	if err != nil {
		return err
	}
	return e.sendHTML(ctx, c.ChatID, text, menu)
}

// review begins flow name at its summary and returns the summary with the
// "Ubah" menu.
func (e *Engine) review(ctx context.Context, c Chat, name string, answers map[string]string) (string, tgbotapi.InlineKeyboardMarkup, error) {
	f, st := e.newState(name, answers)
	s := &Session{Chat: c, State: st}
	if err := e.save(ctx, s); err != nil {
		return "", tgbotapi.InlineKeyboardMarkup{}, err
	}
	return e.summaryText(ctx, f, s) + "\n\n" + msgPickField, e.fieldMenu(ctx, f, s), nil
}

func (e *Engine) newState(name string, answers map[string]string) (*Flow, *State) {
	f := e.flows[name]
	if f == nil {
		panic("conversations: unknown flow " + name)
	}
	now := e.Now()
	st := &State{ID: newID(), Flow: name, Answers: map[string]string{}, Started: now, Updated: now}
	maps.Copy(st.Answers, answers)
	return f, st
}

// Cancel ends the user's flow without saving. It reports the flow that was
// active, or nil.
func (e *Engine) Cancel(ctx context.Context, userID int64) (*Flow, error) {
	return e.cancelIf(ctx, userID, func(*Flow) bool { return true })
}

// Revoke ends the user's flow when it needs a role (Flow.Role), for a user
// whose role was just taken away, and reports the flow it ended, or nil. A
// flow anyone may fill in goes on.
func (e *Engine) Revoke(ctx context.Context, userID int64) (*Flow, error) {
	return e.cancelIf(ctx, userID, func(f *Flow) bool { return f != nil && f.Role != "" })
}

// cancelIf ends the user's flow, unsaved, when end says so of it (nil for
// a flow no longer registered), and reports the flow it ended.
func (e *Engine) cancelIf(ctx context.Context, userID int64, end func(*Flow) bool) (*Flow, error) {
	st, err := e.store.Load(ctx, userID)
	var gone *ExpiredState
	if errors.Is(err, ErrNoFlow) || errors.As(err, &gone) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	f := e.flows[st.Flow]
	if !end(f) {
		return nil, nil
	}
	if err := e.store.Delete(ctx, userID); err != nil {
		return nil, err
	}
	return f, nil
}

// allowed reports whether the user still holds the role f needs.
func (e *Engine) allowed(ctx context.Context, f *Flow, userID int64) (bool, error) {
	if f.Role == "" {
		return true, nil
	}
	return e.Authorize(ctx, userID, f.Role)
}

// refuse ends f, unsaved, for a user who no longer holds its role, and
// tells them why.
func (e *Engine) refuse(ctx context.Context, f *Flow, c Chat) error {
	if err := e.store.Delete(ctx, c.UserID); err != nil {
		return err
	}
	text := msgRoleLostCoord
	if f.Role == domain.RoleAdmin {
		text = msgRoleLostAdmin
	}
	return e.sendHTML(ctx, c.ChatID, fmt.Sprintf(text, html.EscapeString(f.Title)), tgbotapi.NewRemoveKeyboard(false))
}

// CancelText is what the user reads after cancelling f (HTML).
func CancelText(f *Flow) string {
	if f.CancelText != "" {
		return f.CancelText
	}
	return fmt.Sprintf(msgCancelled, html.EscapeString(f.Title))
}

// Handle applies one message to the user's active flow.
func (e *Engine) Handle(ctx context.Context, c Chat, st *State, f *Flow, updateID int, m *tgbotapi.Message) error {
	if updateID != 0 && updateID <= st.LastUpdate {
		return nil // already applied before a redelivery
	}
	ok, err := e.allowed(ctx, f, c.UserID)
	if err != nil {
		return err
	}
	if !ok {
		return e.refuse(ctx, f, c)
	}
	s := &Session{Chat: c, State: st}
	st.LastUpdate = updateID
	i := f.index(st.Step)
	if i < 0 {
		// The summary is waiting for a button.
		if err := e.save(ctx, s); err != nil {
			return err
		}
		return e.sendHTML(ctx, c.ChatID, fmt.Sprintf(msgUseButtons, html.EscapeString(f.saveLabel())), nil)
	}
	step := f.Steps[i]
	val, err := step.Accept(ctx, s, m)
	if msg, ok := AsInvalid(err); ok {
		return e.ask(ctx, f, s, i, msg)
	}
	switch {
	case errors.Is(err, MoreQuietly):
		st.Answers[step.Key] = val
		return e.save(ctx, s)
	case errors.Is(err, More):
		st.Answers[step.Key] = val
		return e.ask(ctx, f, s, i, "")
	case err != nil:
		return err
	}
	st.Answers[step.Key] = val

	next := nextStep(ctx, f, s, i+1)
	if st.Editing && (next >= len(f.Steps) || !f.Steps[next].Dependent) {
		return e.summaryOrFinish(ctx, f, s)
	}
	if next < len(f.Steps) {
		return e.ask(ctx, f, s, next, "")
	}
	return e.summaryOrFinish(ctx, f, s)
}

func (e *Engine) summaryOrFinish(ctx context.Context, f *Flow, s *Session) error {
	if f.Confirm {
		return e.summary(ctx, f, s, "")
	}
	_, err := e.finish(ctx, f, s, nil)
	return err
}

// ask stores that step i is being asked and sends its question, after the
// problem with the previous answer if there was one.
func (e *Engine) ask(ctx context.Context, f *Flow, s *Session, i int, problem string) error {
	q, err := e.question(ctx, f, s, i, problem)
	if err != nil {
		return err
	}
	return e.sendHTML(ctx, s.Chat.ChatID, q.text, q.markup())
}

// summary sends the answers with Simpan / Ubah / Batal. A message with
// inline buttons cannot remove a reply keyboard, so when the last question
// left one, the answers go first in a message that removes it and the
// buttons follow under the confirm prompt alone.
func (e *Engine) summary(ctx context.Context, f *Flow, s *Session, problem string) error {
	s.State.Step = ""
	s.State.Editing = false
	keyboard := s.State.Keyboard
	s.State.Keyboard = false
	if err := e.save(ctx, s); err != nil {
		return err
	}
	text := e.summaryText(ctx, f, s)
	if problem != "" {
		text = msgProblemPrefix + html.EscapeString(problem) + "\n\n" + text
	}
	if keyboard {
		if err := e.sendHTML(ctx, s.Chat.ChatID, text, tgbotapi.NewRemoveKeyboard(false)); err != nil {
			return err
		}
		return e.sendHTML(ctx, s.Chat.ChatID, msgConfirmPrompt, summaryButtons(f, s.State))
	}
	return e.sendHTML(ctx, s.Chat.ChatID, text+"\n\n"+msgConfirmPrompt, summaryButtons(f, s.State))
}

func (e *Engine) summaryText(ctx context.Context, f *Flow, s *Session) string {
	// Written piece by piece: concatenating each line first made a
	// string per line only to copy it into b.
	var b strings.Builder
	b.Grow(256)
	b.WriteString("<b>")
	b.WriteString(f.SummaryTitle)
	b.WriteString("</b>\n")
	for _, st := range f.Steps {
		if st.Hidden || (st.Skip != nil && st.Skip(s)) {
			continue
		}
		v := s.Get(st.Key)
		if st.Show != nil {
			v = st.Show(s, v)
		}
		if v == "" {
			v = "-"
		}
		b.WriteString("\n")
		b.WriteString(html.EscapeString(st.Label))
		b.WriteString(": <b>")
		b.WriteString(html.EscapeString(v))
		b.WriteString("</b>")
	}
	return b.String()
}

func (e *Engine) save(ctx context.Context, s *Session) error {
	s.State.Updated = e.Now()
	return e.store.Save(ctx, s.Chat.UserID, s.State)
}

func (e *Engine) sendHTML(ctx context.Context, chatID int64, text string, markup any) error {
	msg := tgbotapi.NewMessage(chatID, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = markup
	_, err := e.send.Send(ctx, msg)
	return err
}

// nextStep returns the index of the first step at or after i that is not
// skipped, or len(f.Steps).
func nextStep(ctx context.Context, f *Flow, s *Session, i int) int {
	for ; i < len(f.Steps); i++ {
		if st := f.Steps[i]; st.Skip == nil || !st.Skip(s) {
			return i
		}
	}
	return i
}

func (f *Flow) index(key string) int {
	if key == "" {
		return -1
	}
	for i, s := range f.Steps {
		if s.Key == key {
			return i
		}
	}
	return -1
}

func (f *Flow) saveLabel() string {
	if f.SaveLabel != "" {
		return f.SaveLabel
	}
	return btnSave
}

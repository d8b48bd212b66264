package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Send sends a message-creating config (sendMessage, sendPhoto,
// copyMessage, ...; see https://core.telegram.org/bots/api#available-methods)
// and returns the message Telegram created. For sendMediaGroup, whose result
// is an array, use Request.
//
// Texts are kept within Telegram's limits as Telegram counts them (UTF-16
// code units after entity parsing): a text longer than 4,096 is sent as
// several messages cut at line breaks, and a caption longer than 1,024
// goes with its first line while the whole caption follows as a text
// message replying to the media. The reply markup goes with the last
// message, which is the one returned.
//
// Sends are spaced by the rate limiter (see Limiter) using the chat id of
// msg and the priority of ctx (WithPriority). 429 answers are retried after
// retry_after and pause every sender meanwhile; 5xx answers, network errors
// and undecodable bodies are retried with backoff, at most MaxRetries times.
// 400 and 403 are not retried; a 403 calls OnBlocked first. Errors can be
// classified with IsBlocked, IsBadRequest, IsNotModified, IsTemporary and
// RetryAfter, and never contain the token.
func (c *Client) Send(ctx context.Context, msg tgbotapi.Chattable) (tgbotapi.Message, error) {
	if m, ok, err := c.sendFitted(ctx, msg); ok {
		return m, err
	}
	return c.sendOne(ctx, msg)
}

// sendOne sends msg as one request and decodes the message it created.
func (c *Client) sendOne(ctx context.Context, msg tgbotapi.Chattable) (tgbotapi.Message, error) {
	var m tgbotapi.Message
	_, err := c.request(ctx, msg, &m)
	return m, err
}

// Request makes the request msg describes (answerCallbackQuery,
// setMyCommands, edits, deletes, sendMediaGroup, ...) and returns its
// undecoded result. It limits, retries and classifies errors like Send.
// Configs not bound to a chat (answerCallbackQuery, setMyCommands, ...) are
// not rate limited.
//
// What cannot be split is cut to Telegram's limits (an edit, a callback
// answer; see fit). An edit that would leave the message as the client
// last left it is not sent and fails with ErrNotModified, as Telegram
// would refuse it.
func (c *Client) Request(ctx context.Context, msg tgbotapi.Chattable) (json.RawMessage, error) {
	return c.request(ctx, msg, nil)
}

// request is Request that, when sent is not nil, also decodes the
// message created into sent: one decoding serves the caller and the
// memory of what is shown, where Send used to decode each answer twice.
func (c *Client) request(ctx context.Context, msg tgbotapi.Chattable, sent *tgbotapi.Message) (json.RawMessage, error) {
	msg = c.fit(ctx, msg)
	in := intentOf(msg)
	if c.shown.unchanged(in) {
		return nil, fmt.Errorf("telegram: %s: %w", typeName(msg), ErrNotModified)
	}
	call := func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) { return api.Request(msg) }
	raw, err := c.do(ctx, typeName(msg), chatIDOf(msg), replayable(msg), false, call)
	if err != nil || sent == nil {
		c.shown.after(in, raw, err)
		return raw, err
	}
	if err := json.Unmarshal(raw, sent); err != nil {
		c.shown.after(in, raw, nil)
		return raw, fmt.Errorf("telegram: decode sent message: %w", err)
	}
	if sent.Chat != nil {
		c.shown.afterSent(in, sent.Chat.ID, sent.MessageID)
	}
	return raw, nil
}

// Call calls the Bot API method with params as given, for fields newer than
// the library. A text or caption over Telegram's limit is cut (one call
// makes one message). chatID is used for rate limiting; 0 means the call is not
// bound to a chat and is not rate limited. It retries and classifies errors
// like Send. A call with allow_paid_broadcast=true is limited by
// Limits.PaidGlobal instead of the free global limit (Limiter.WaitPaid).
func (c *Client) Call(ctx context.Context, method string, chatID int64, params tgbotapi.Params) (json.RawMessage, error) {
	c.fitParams(ctx, method, params)
	call := func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) { return api.MakeRequest(method, params) }
	return c.do(ctx, method, chatID, true, params["allow_paid_broadcast"] == "true", call)
}

// do runs call until it succeeds, fails for good, or runs out of retries.
// Each attempt goes through the rate limiter (when chatID is not 0) and uses
// a copy of the library client whose HTTP requests carry ctx. name is used
// in errors until a request reveals the Bot API method. Meanwhile the
// caller's dispatcher slot is free for other chats (see slot).
func (c *Client) do(ctx context.Context, name string, chatID int64, canRetry, paid bool,
	call func(*tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (json.RawMessage, error) {
	defer yieldSlot(ctx)()
	prio := priorityFrom(ctx)
	method := name
	for attempt := 1; ; attempt++ {
		if chatID != 0 {
			if err := c.wait(ctx, chatID, prio, paid); err != nil {
				return nil, fmt.Errorf("telegram: %s: %w", method, err)
			}
		}
		cc := &callClient{ctx: ctx, base: c.http}
		api := *c.api
		api.Client = cc
		resp, err := call(&api)
		if cc.method != "" {
			method = c.scrub.string(cc.method)
		}
		if err == nil {
			c.observe(method, nil)
			return resp.Result, nil
		}
		err = fmt.Errorf("telegram: %s: %w", method, c.scrub.err(classify(err, cc.status)))
		if cc.method != "" { // a request was made
			c.observe(method, err)
		}

		delay, retry := c.retryDelay(err, attempt, canRetry)
		if ra, ok := RetryAfter(err); ok {
			c.limiter.Pause(time.Now().Add(ra))
			c.observer.FloodPause(ra)
		}
		if IsBlocked(err) && chatID != 0 && c.onBlocked != nil {
			c.onBlocked(ctx, chatID)
		}
		if !retry || ctx.Err() != nil {
			c.log.DebugContext(ctx, "telegram request failed",
				slog.String("method", method), slog.Int64("chat_id", chatID),
				slog.Int("attempt", attempt), slog.Any("error", err))
			return nil, err
		}
		c.log.WarnContext(ctx, "telegram request failed, retrying",
			slog.String("method", method), slog.Int64("chat_id", chatID),
			slog.Int("attempt", attempt), slog.Duration("retry_in", delay), slog.Any("error", err))
		if serr := sleep(ctx, delay); serr != nil {
			return nil, err
		}
	}
}

// wait waits for the flood limiter's leave to send to chatID and tells
// the Observer how long that took.
func (c *Client) wait(ctx context.Context, chatID int64, prio Priority, paid bool) error {
	start := time.Now()
	var err error
	if paid {
		err = c.limiter.WaitPaid(ctx, chatID)
	} else {
		err = c.limiter.Wait(ctx, chatID, prio)
	}
	if err == nil {
		c.observer.LimiterWait(priorityName(prio, paid), time.Since(start))
	}
	return err
}

// retryDelay decides whether a failed attempt is retried and after how long.
func (c *Client) retryDelay(err error, attempt int, canRetry bool) (time.Duration, bool) {
	if !canRetry || attempt > c.maxRetries || !IsTemporary(err) {
		return 0, false
	}
	if ra, ok := RetryAfter(err); ok {
		return ra, true
	}
	return backoff(attempt, c.retryBase, c.retryCap), true
}

// classify turns a library error that is a body we could not decode into a
// *badResponseError, so IsTemporary knows it. Bot API errors, network errors
// and errors building the request are returned as they are.
func classify(err error, status int) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syn) || errors.As(err, &typ) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if _, ok := apiError(err); !ok {
			return &badResponseError{status: status, err: err}
		}
	}
	return err
}

// chatIDOf returns the chat a config sends to, or 0 when it is not bound to
// a chat (answerCallbackQuery, setMyCommands, inline edits, a chat given by
// @username) and so is not rate limited. Pointers to configs are followed.
func chatIDOf(c tgbotapi.Chattable) int64 {
	switch v := c.(type) {
	case tgbotapi.MessageConfig:
		return v.ChatID
	case tgbotapi.PhotoConfig:
		return v.ChatID
	case tgbotapi.DocumentConfig:
		return v.ChatID
	case tgbotapi.LocationConfig:
		return v.ChatID
	case tgbotapi.MediaGroupConfig:
		return v.ChatID
	case tgbotapi.CopyMessageConfig:
		return v.ChatID
	case tgbotapi.ForwardConfig:
		return v.ChatID
	case tgbotapi.ChatActionConfig:
		return v.ChatID
	case tgbotapi.EditMessageTextConfig:
		return editChatID(v.BaseEdit)
	case tgbotapi.EditMessageReplyMarkupConfig:
		return editChatID(v.BaseEdit)
	case tgbotapi.EditMessageCaptionConfig:
		return editChatID(v.BaseEdit)
	case tgbotapi.DeleteMessageConfig:
		return v.ChatID
	}
	if rv := reflect.ValueOf(c); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if inner, ok := rv.Elem().Interface().(tgbotapi.Chattable); ok {
			return chatIDOf(inner)
		}
	}
	return 0
}

func editChatID(e tgbotapi.BaseEdit) int64 {
	if e.InlineMessageID != "" {
		return 0
	}
	return e.ChatID
}

// typeName names a config by its Go type, for errors raised before any
// request was made (the Bot API method name is unexported in the library).
func typeName(c tgbotapi.Chattable) string {
	t := reflect.TypeOf(c)
	if t == nil {
		return "request"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// replayable reports whether msg can be sent again after a failed attempt.
// An upload from an io.Reader cannot: the first attempt consumed it.
func replayable(msg tgbotapi.Chattable) bool {
	var files []tgbotapi.RequestFileData
	switch v := msg.(type) {
	case tgbotapi.PhotoConfig:
		files = append(files, v.File, v.Thumb)
	case *tgbotapi.PhotoConfig:
		files = append(files, v.File, v.Thumb)
	case tgbotapi.DocumentConfig:
		files = append(files, v.File, v.Thumb)
	case *tgbotapi.DocumentConfig:
		files = append(files, v.File, v.Thumb)
	case tgbotapi.MediaGroupConfig:
		files = mediaFiles(v.Media)
	case *tgbotapi.MediaGroupConfig:
		files = mediaFiles(v.Media)
	}
	for _, f := range files {
		switch f.(type) {
		case tgbotapi.FileReader, *tgbotapi.FileReader:
			return false
		}
	}
	return true
}

func mediaFiles(media []any) []tgbotapi.RequestFileData {
	var files []tgbotapi.RequestFileData
	for _, m := range media {
		switch v := m.(type) {
		case tgbotapi.InputMediaPhoto:
			files = append(files, v.Media)
		case tgbotapi.InputMediaDocument:
			files = append(files, v.Media, v.Thumb)
		case tgbotapi.InputMediaVideo:
			files = append(files, v.Media, v.Thumb)
		case tgbotapi.InputMediaAudio:
			files = append(files, v.Media, v.Thumb)
		}
	}
	return files
}

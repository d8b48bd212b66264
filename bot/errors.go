package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ErrTokenRejected is returned by NewClient when Telegram answers getMe with
// 401 Unauthorized: the token is wrong or was revoked, and retrying will not
// help.
var ErrTokenRejected = errors.New("telegram: the token was rejected (401 Unauthorized)")

// badResponseError is a response whose body is not a Bot API JSON object,
// typically an HTML error page from a proxy in front of Telegram (502, 504)
// or a body cut short. It is always temporary.
type badResponseError struct {
	status int // HTTP status, 0 if unknown
	err    error
}

func (e *badResponseError) Error() string {
	return fmt.Sprintf("undecodable response (HTTP %d): %v", e.status, e.err)
}

func (e *badResponseError) Unwrap() error { return e.err }

// apiError returns the Bot API error in err's chain, if any.
// The library returns *tgbotapi.Error, but tgbotapi.Error values are
// accepted too.
func apiError(err error) (tgbotapi.Error, bool) {
	var p *tgbotapi.Error
	if errors.As(err, &p) && p != nil {
		return *p, true
	}
	var v tgbotapi.Error
	if errors.As(err, &v) {
		return v, true
	}
	return tgbotapi.Error{}, false
}

// descriptionCodes maps the prefix of a Bot API error description to its
// error code. tgbotapi leaves Error.Code at 0 for file uploads, so the code
// is recovered from the description, which always starts with the HTTP
// reason phrase.
var descriptionCodes = []struct {
	prefix string
	code   int
}{
	{"Bad Request", 400},
	{"Unauthorized", 401},
	{"Forbidden", 403},
	{"Not Found", 404},
	{"Conflict", 409},
	{"Too Many Requests", 429},
	{"Internal Server Error", 500},
	{"Bad Gateway", 502},
	{"Gateway Timeout", 504},
}

// errorCode returns the Bot API error code of err, or 0 if err is not a
// Bot API error.
func errorCode(err error) int {
	e, ok := apiError(err)
	if !ok {
		return 0
	}
	if e.Code != 0 {
		return e.Code
	}
	if e.RetryAfter > 0 {
		return 429
	}
	for _, d := range descriptionCodes {
		if strings.HasPrefix(e.Message, d.prefix) {
			return d.code
		}
	}
	return 0
}

// IsBlocked reports whether err is a 403 Forbidden from Telegram: the user
// blocked the bot, the user's account is deactivated, or the bot was kicked
// from the group. Sending to that chat again is pointless.
func IsBlocked(err error) bool {
	return errorCode(err) == 403
}

// IsBadRequest reports whether err is a 400 Bad Request from Telegram: the
// request itself is wrong (unparsable entities, message too long, unknown
// chat, message is not modified) and retrying it unchanged will fail again.
func IsBadRequest(err error) bool {
	return errorCode(err) == 400
}

// IsNotModified reports whether err is Telegram's "message is not modified"
// answer to an edit that changes nothing, or ErrNotModified for such an
// edit the client did not send. Callers usually ignore it.
func IsNotModified(err error) bool {
	if errors.Is(err, ErrNotModified) {
		return true
	}
	e, ok := apiError(err)
	return ok && errorCode(err) == 400 &&
		strings.Contains(strings.ToLower(e.Message), "message is not modified")
}

// RetryAfter returns how long Telegram asked the bot to wait (the
// retry_after parameter of a 429 Too Many Requests), if err carries it.
func RetryAfter(err error) (time.Duration, bool) {
	e, ok := apiError(err)
	if !ok || e.RetryAfter <= 0 {
		return 0, false
	}
	return time.Duration(e.RetryAfter) * time.Second, true
}

// IsTemporary reports whether err may go away if the same request is made
// again later: network errors and timeouts, 5xx and 429 answers, and bodies
// that are not Bot API JSON (an HTML page from a proxy). A cancelled context
// is not temporary.
func IsTemporary(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if _, ok := apiError(err); ok {
		code := errorCode(err)
		return code == 429 || code >= 500
	}
	var bad *badResponseError
	if errors.As(err, &bad) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

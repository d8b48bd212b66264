package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"syscall"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestClassifiers(t *testing.T) {
	apiErr := func(code int, msg string, retry int) error {
		return fmt.Errorf("telegram: sendMessage: %w", &tgbotapi.Error{
			Code: code, Message: msg, ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: retry},
		})
	}
	urlErr := func(inner error) error {
		return &url.Error{Op: "Post", URL: "https://api.telegram.org/bot<token>/sendMessage", Err: inner}
	}
	type want struct{ blocked, temporary, notModified, badRequest bool }
	tests := []struct {
		name  string
		err   error
		want  want
		retry time.Duration
	}{
		{"nil", nil, want{}, 0},
		{"blocked", apiErr(403, "Forbidden: bot was blocked by the user", 0), want{blocked: true}, 0},
		{"deactivated", apiErr(403, "Forbidden: user is deactivated", 0), want{blocked: true}, 0},
		{"kicked", apiErr(403, "Forbidden: bot was kicked from the group chat", 0), want{blocked: true}, 0},
		{"blocked, upload without code", apiErr(0, "Forbidden: bot was blocked by the user", 0), want{blocked: true}, 0},
		{"value error", fmt.Errorf("x: %w", tgbotapi.Error{Code: 403, Message: "Forbidden"}), want{blocked: true}, 0},
		{"not modified", apiErr(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same", 0),
			want{notModified: true, badRequest: true}, 0},
		{"entities", apiErr(400, "Bad Request: can't parse entities: Unsupported start tag", 0), want{badRequest: true}, 0},
		{"bad request, upload without code", apiErr(0, "Bad Request: chat not found", 0), want{badRequest: true}, 0},
		{"flood", apiErr(429, "Too Many Requests: retry after 7", 7), want{temporary: true}, 7 * time.Second},
		{"flood, upload without code", apiErr(0, "Too Many Requests: retry after 2", 2), want{temporary: true}, 2 * time.Second},
		{"internal", apiErr(500, "Internal Server Error", 0), want{temporary: true}, 0},
		{"bad gateway", apiErr(502, "Bad Gateway", 0), want{temporary: true}, 0},
		{"unauthorized", apiErr(401, "Unauthorized", 0), want{}, 0},
		{"conflict", apiErr(409, "Conflict: terminated by other getUpdates request", 0), want{}, 0},
		{"html body", &badResponseError{status: 502, err: &json.SyntaxError{}}, want{temporary: true}, 0},
		{"refused", urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), want{temporary: true}, 0},
		{"timeout", urlErr(context.DeadlineExceeded), want{temporary: true}, 0},
		{"cancelled", urlErr(context.Canceled), want{}, 0},
		{"unexpected eof", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), want{temporary: true}, 0},
		{"other", errors.New("json: unsupported type"), want{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := want{
				blocked:     IsBlocked(tt.err),
				temporary:   IsTemporary(tt.err),
				notModified: IsNotModified(tt.err),
				badRequest:  IsBadRequest(tt.err),
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			d, ok := RetryAfter(tt.err)
			if d != tt.retry || ok != (tt.retry > 0) {
				t.Errorf("RetryAfter = %v, %v; want %v", d, ok, tt.retry)
			}
		})
	}
}

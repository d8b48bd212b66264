package bot

import (
	"net/url"
	"strings"
)

// tokenPlaceholder replaces the bot token in every error that leaves this
// package and in every log line.
const tokenPlaceholder = "<token>"

// scrubber removes the bot token from strings and errors. The token is part
// of every request URL, so net/http errors (*url.Error) carry it.
type scrubber struct {
	r *strings.Replacer // nil when there is nothing to replace
}

func newScrubber(token string) scrubber {
	if token == "" {
		return scrubber{}
	}
	forms := []string{token}
	for _, f := range []string{url.PathEscape(token), url.QueryEscape(token)} {
		if f != token {
			forms = append(forms, f)
		}
	}
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, tokenPlaceholder)
	}
	return scrubber{r: strings.NewReplacer(pairs...)}
}

// string returns s with every form of the token replaced.
func (s scrubber) string(str string) string {
	if s.r == nil {
		return str
	}
	return s.r.Replace(str)
}

// err returns err with the token removed from its message. A *url.Error at
// the top of the chain is rebuilt with a scrubbed URL, so code that digs it
// out with errors.As does not find the token either. Unwrap still reaches
// the original cause, so errors.As(err, **tgbotapi.Error) and
// errors.Is(err, context.Canceled) keep working.
func (s scrubber) err(err error) error {
	if err == nil || s.r == nil {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		err = &url.Error{Op: ue.Op, URL: s.string(ue.URL), Err: s.err(ue.Err)}
	}
	msg := err.Error()
	if clean := s.string(msg); clean != msg {
		return &scrubbedError{msg: clean, err: err}
	}
	return err
}

// scrubbedError is an error whose message had the token removed.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

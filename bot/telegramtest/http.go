package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxBody bounds a request body, a little above Telegram's 50 MB upload
// limit.
const maxBody = 60 << 20

// handler answers one Bot API method with a result or an error.
type handler func(s *Server, r *http.Request, p *params) (any, *apiError)

// methods maps lower-cased method names (Telegram ignores case) to their
// canonical name and handler; filled in init to avoid an initialisation
// cycle.
var methods map[string]struct {
	name string
	h    handler
}

func init() {
	all := map[string]handler{
		"getMe":                  (*Server).getMe,
		"getUpdates":             (*Server).getUpdates,
		"sendMessage":            (*Server).sendMessage,
		"editMessageText":        (*Server).editMessageText,
		"editMessageReplyMarkup": (*Server).editMessageReplyMarkup,
		"editMessageCaption":     (*Server).editMessageCaption,
		"deleteMessage":          (*Server).deleteMessage,
		"copyMessage":            (*Server).copyMessage,
		"sendChatAction":         (*Server).sendChatAction,
		"answerCallbackQuery":    (*Server).answerCallbackQuery,
		"setMyCommands":          (*Server).setMyCommands,
		"deleteMyCommands":       (*Server).deleteMyCommands,
		"getMyCommands":          (*Server).getMyCommands,
		"sendPhoto":              (*Server).sendPhoto,
		"sendDocument":           (*Server).sendDocument,
		"sendMediaGroup":         (*Server).sendMediaGroup,
		"sendLocation":           (*Server).sendLocation,
		"getFile":                (*Server).getFile,
		"setWebhook":             (*Server).setWebhook,
		"deleteWebhook":          (*Server).deleteWebhook,
		"getWebhookInfo":         (*Server).getWebhookInfo,
	}
	methods = make(map[string]struct {
		name string
		h    handler
	}, len(all))
	for name, h := range all {
		methods[strings.ToLower(name)] = struct {
			name string
			h    handler
		}{name, h}
	}
}

// canonicalMethod returns the documented spelling of a method name.
func canonicalMethod(name string) string {
	if m, ok := methods[strings.ToLower(name)]; ok {
		return m.name
	}
	return name
}

// apiError is a failed Bot API answer; code is also the HTTP status.
type apiError struct {
	code        int
	description string
	retryAfter  int
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: http.StatusBadRequest, description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func forbidden(desc string) *apiError {
	return &apiError{code: http.StatusForbidden, description: "Forbidden: " + desc}
}

func tooManyRequests(retryAfter int) *apiError {
	return &apiError{
		code:        http.StatusTooManyRequests,
		description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		retryAfter:  retryAfter,
	}
}

var errChatNotFound = badRequest("chat not found")

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, rest)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		writeError(w, &apiError{code: http.StatusNotFound, description: "Not Found"})
		return
	}
	token, name, _ := strings.Cut(rest, "/")
	if token != s.Token {
		writeError(w, &apiError{code: http.StatusUnauthorized, description: "Unauthorized"})
		return
	}
	m, ok := methods[strings.ToLower(name)]
	if !ok {
		writeError(w, &apiError{code: http.StatusNotFound, description: "Not Found"})
		return
	}

	s.mu.Lock()
	st := s.stats.Methods[m.name]
	st.Received++
	s.stats.Methods[m.name] = st
	latency := s.latency
	f, hasFault := s.popFault(m.name)
	s.mu.Unlock()
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
		}
	}
	if hasFault {
		s.mu.Lock()
		s.record(m.name, f.err(), nil, true)
		s.mu.Unlock()
		f.write(w)
		return
	}

	p, perr := parseParams(r)
	var result any
	if perr == nil {
		result, perr = m.h(s, r, p)
	}
	s.mu.Lock()
	s.record(m.name, perr, p, false)
	s.mu.Unlock()
	if perr != nil {
		writeError(w, perr)
		return
	}
	writeResult(w, result)
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.code, "description": e.description}
	if e.retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": e.retryAfter}
	}
	writeJSON(w, e.code, body)
}

func writeResult(w http.ResponseWriter, result any) {
	raw, err := json.Marshal(result)
	if err != nil {
		writeError(w, &apiError{code: http.StatusInternalServerError, description: "Internal Server Error: " + err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": json.RawMessage(compactJSON(raw))})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// compactJSON removes null members from objects, so results built from
// tgbotapi types (some lack omitempty) look like Telegram's.
func compactJSON(raw []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return raw
	}
	out, err := json.Marshal(dropNulls(v))
	if err != nil {
		return raw
	}
	return out
}

func dropNulls(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if e == nil {
				delete(t, k)
				continue
			}
			t[k] = dropNulls(e)
		}
	case []any:
		for i, e := range t {
			t[i] = dropNulls(e)
		}
	}
	return v
}

// upload is a file sent in a multipart request.
type upload struct {
	name string
	mime string
	data []byte
}

// params are the arguments of one call, whatever the encoding. JSON
// values other than strings are kept as their JSON text.
type params struct {
	values map[string]string
	files  map[string]upload
}

func (p *params) has(k string) bool   { _, ok := p.values[k]; return ok }
func (p *params) str(k string) string { return p.values[k] }

// int64 parses an integer parameter; ok is false when it is absent.
func (p *params) int64(k string) (v int64, ok bool, err error) {
	s, ok := p.values[k]
	if !ok || s == "" {
		return 0, false, nil
	}
	v, err = strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return v, true, err
}

// intOr parses an integer parameter, returning def when it is absent or
// malformed.
func (p *params) intOr(k string, def int) int {
	v, ok, err := p.int64(k)
	if !ok || err != nil {
		return def
	}
	return int(v)
}

func (p *params) bool(k string) bool {
	b, _ := strconv.ParseBool(p.values[k])
	return b
}

func parseParams(r *http.Request) (*params, *apiError) {
	p := &params{values: make(map[string]string), files: make(map[string]upload)}
	for k, v := range r.URL.Query() {
		p.values[k] = v[0]
	}
	if r.Method == http.MethodGet || r.Body == nil {
		return p, nil
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		return p, parseJSONBody(r.Body, p)
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxBody); err != nil {
			return nil, badRequest("can't parse multipart form: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			p.values[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return nil, badRequest("can't read uploaded file %q", k)
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, badRequest("can't read uploaded file %q", k)
			}
			p.files[k] = upload{name: fhs[0].Filename, mime: fhs[0].Header.Get("Content-Type"), data: data}
		}
	default: // form-urlencoded, and Telegram is lenient about a missing type
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, badRequest("can't read request body")
		}
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, badRequest("can't parse request body")
		}
		for k, v := range vals {
			p.values[k] = v[0]
		}
	}
	return p, nil
}

func parseJSONBody(body io.Reader, p *params) *apiError {
	raw, err := io.ReadAll(body)
	if err != nil {
		return badRequest("can't read request body")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return badRequest("can't parse JSON encoded request: %v", err)
	}
	for k, v := range obj {
		var str string
		switch {
		case string(v) == "null":
			continue
		case json.Unmarshal(v, &str) == nil:
			p.values[k] = str
		default:
			p.values[k] = string(v)
		}
	}
	return nil
}

// nginxBadGateway is what Telegram's front end answers while the API is down.
const nginxBadGateway = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n" +
	"<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"

// fault is one injected failure.
type fault struct {
	html bool
	e    apiError
}

func (f fault) err() *apiError {
	if f.html {
		return &apiError{code: http.StatusBadGateway, description: "Bad Gateway (HTML)"}
	}
	e := f.e
	return &e
}

func (f fault) write(w http.ResponseWriter) {
	if f.html {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(nginxBadGateway))
		return
	}
	writeError(w, f.err())
}

// FailNext makes the next call of method ("*" for any method) fail with the
// given error code and description, for example
// FailNext("sendMessage", 429, "Too Many Requests: retry after 3", 3).
// A retryAfter above zero is sent as parameters.retry_after. Calls queue up:
// two FailNext for one method fail its next two calls.
func (s *Server) FailNext(method string, code int, description string, retryAfter int) {
	s.addFault(method, fault{e: apiError{code: code, description: description, retryAfter: retryAfter}})
}

// FailNextHTML makes the next call of method ("*" for any) answer HTTP 502
// with an nginx HTML page instead of JSON, as when Telegram is down.
func (s *Server) FailNextHTML(method string) {
	s.addFault(method, fault{html: true})
}

func (s *Server) addFault(method string, f fault) {
	if method != "*" {
		method = canonicalMethod(method)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], f)
}

// popFault takes the next queued failure for method, preferring one for
// that method over a "*" one. Call with s.mu held.
func (s *Server) popFault(method string) (fault, bool) {
	for _, key := range []string{method, "*"} {
		if q := s.faults[key]; len(q) > 0 {
			s.faults[key] = q[1:]
			return q[0], true
		}
	}
	return fault{}, false
}

// SetLatency changes the delay added to every response.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

package telegramtest

import (
	"net/http"
	"time"
)

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

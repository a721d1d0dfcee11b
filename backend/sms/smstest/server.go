// Package smstest is a local stand-in for the SMS providers and the conformance
// suite every sms.Sender passes.
//
// [Server] answers like 46elks or like Twilio: the same paths, form fields,
// basic auth, success documents and error documents, so a client tested against
// it speaks the real API. It records each message; GET /last?to=+46... returns
// the newest one to a number as JSON, which end-to-end tests use to read
// two-factor codes (cmd/fakesms runs it as a standalone program).
//
// [Run] is the conformance suite (in the manner of restic's backend tests):
//
//	func TestElks(t *testing.T) {
//		smstest.Run(t, sms.Elks, func(base string, c sms.Credentials, hc *http.Client) sms.Sender {
//			return sms.NewElks(c, sms.Options{BaseURL: base, HTTPClient: hc})
//		})
//	}
package smstest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"dataskydd/backend/sms"
)

// Message is one text message a Server accepted.
type Message struct {
	ID       string       `json:"id"`
	Provider sms.Provider `json:"provider"`
	To       string       `json:"to"`
	From     string       `json:"from"`
	Text     string       `json:"message"`
	At       time.Time    `json:"at"`
}

// Server is a fake SMS provider. Use NewServer; it is an http.Handler.
type Server struct {
	provider sms.Provider
	creds    sms.Credentials

	mu    sync.Mutex
	msgs  []Message
	fail  []failure
	delay time.Duration
}

type failure struct {
	status int
	code   int
	msg    string
}

// NewServer returns a fake of provider p that accepts only the credentials c
// (for Twilio, c.Username is the Account SID that must appear in the path).
func NewServer(p sms.Provider, c sms.Credentials) *Server {
	return &Server{provider: p, creds: c}
}

// Messages returns every accepted message, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Last returns the newest message to the number to.
func (s *Server) Last(to string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.msgs) - 1; i >= 0; i-- {
		if s.msgs[i].To == to {
			return s.msgs[i], true
		}
	}
	return Message{}, false
}

// FailNext makes the next send answer with an error document of the
// provider's kind: HTTP status, provider error code (Twilio only) and message.
func (s *Server) FailNext(status, code int, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = append(s.fail, failure{status, code, message})
}

// SetDelay makes every send wait d before answering (to test timeouts).
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

var twilioPath = regexp.MustCompile(`^/2010-04-01/Accounts/([^/]+)/Messages\.json$`)

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/last":
		s.serveLast(w, r)
	case r.Method == http.MethodGet && r.URL.Path == "/messages":
		writeJSON(w, http.StatusOK, s.Messages())
	case s.provider == sms.Elks && strings.EqualFold(r.URL.Path, "/a1/sms"):
		s.serveSend(w, r, "")
	case s.provider == sms.Twilio && twilioPath.MatchString(r.URL.Path):
		s.serveSend(w, r, twilioPath.FindStringSubmatch(r.URL.Path)[1])
	default:
		s.reject(w, http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
	}
}

func (s *Server) serveLast(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	m, ok := s.Last(to)
	if !ok {
		http.Error(w, "no message to "+to, http.StatusNotFound)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

func (s *Server) serveSend(w http.ResponseWriter, r *http.Request, sid string) {
	if r.Method != http.MethodPost {
		s.reject(w, http.StatusMethodNotAllowed, 20004, "Method not allowed")
		return
	}
	user, pass, ok := r.BasicAuth()
	if !ok || user != s.creds.Username || pass != s.creds.Password || (s.provider == sms.Twilio && sid != s.creds.Username) {
		s.reject(w, http.StatusUnauthorized, 20003, "Authenticate")
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		s.reject(w, http.StatusBadRequest, 21600, "Content-Type must be application/x-www-form-urlencoded, not "+ct)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.reject(w, http.StatusBadRequest, 21600, "Malformed form body")
		return
	}
	// Wait after reading the body: only then does the server notice a client
	// that gave up, and the handler can end early.
	s.mu.Lock()
	delay := s.delay
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if f, ok := s.nextFailure(); ok {
		s.reject(w, f.status, f.code, f.msg)
		return
	}
	if s.provider == sms.Elks {
		s.sendElks(w, r.PostForm)
	} else {
		s.sendTwilio(w, r.PostForm)
	}
}

func (s *Server) nextFailure() (failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.fail) == 0 {
		return failure{}, false
	}
	f := s.fail[0]
	s.fail = s.fail[1:]
	return f, true
}

// sendElks answers like POST https://api.46elks.com/a1/sms.
func (s *Server) sendElks(w http.ResponseWriter, f url.Values) {
	for _, k := range []string{"from", "to", "message"} {
		if f.Get(k) == "" {
			s.reject(w, http.StatusBadRequest, 0, "Missing key "+k)
			return
		}
	}
	if !sms.ValidNumber(f.Get("to")) {
		s.reject(w, http.StatusBadRequest, 0, "Invalid phone number to: "+f.Get("to"))
		return
	}
	if !sms.ValidSender(f.Get("from")) {
		s.reject(w, http.StatusBadRequest, 0, "Invalid from: must be a phone number or 3-11 alphanumeric characters")
		return
	}
	m := s.record("s"+randomHex(16), f.Get("to"), f.Get("from"), f.Get("message"))
	doc := map[string]any{
		"status": "created", "direction": "outgoing", "from": m.From, "to": m.To,
		"created": m.At.UTC().Format("2006-01-02T15:04:05.000000"), "parts": 1, "cost": 3500, "id": m.ID,
	}
	if f.Get("dontlog") == "message" {
		doc["dontlog"] = "message"
	} else {
		doc["message"] = m.Text
	}
	writeJSON(w, http.StatusOK, doc)
}

// sendTwilio answers like POST https://api.twilio.com/2010-04-01/Accounts/{Sid}/Messages.json.
func (s *Server) sendTwilio(w http.ResponseWriter, f url.Values) {
	switch {
	case f.Get("To") == "":
		s.reject(w, http.StatusBadRequest, 21604, "A 'To' phone number is required.")
		return
	case f.Get("From") == "":
		s.reject(w, http.StatusBadRequest, 21603, "A 'From' phone number is required.")
		return
	case f.Get("Body") == "":
		s.reject(w, http.StatusBadRequest, 21602, "Message body is required.")
		return
	case !sms.ValidNumber(f.Get("To")):
		s.reject(w, http.StatusBadRequest, 21211, fmt.Sprintf("The 'To' number %s is not a valid phone number.", f.Get("To")))
		return
	case !sms.ValidSender(f.Get("From")):
		s.reject(w, http.StatusBadRequest, 21212, fmt.Sprintf("The 'From' number %s is not a valid phone number, shortcode, or alphanumeric sender ID.", f.Get("From")))
		return
	}
	m := s.record("SM"+randomHex(16), f.Get("To"), f.Get("From"), f.Get("Body"))
	date := m.At.UTC().Format(time.RFC1123Z)
	writeJSON(w, http.StatusCreated, map[string]any{
		"sid": m.ID, "account_sid": s.creds.Username, "to": m.To, "from": m.From, "body": m.Text,
		"status": "queued", "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
		"date_created": date, "date_updated": date, "date_sent": nil, "price": nil, "error_code": nil, "error_message": nil,
		"uri": "/2010-04-01/Accounts/" + s.creds.Username + "/Messages/" + m.ID + ".json",
	})
}

func (s *Server) record(id, to, from, text string) Message {
	m := Message{ID: id, Provider: s.provider, To: to, From: from, Text: text, At: time.Now()}
	s.mu.Lock()
	s.msgs = append(s.msgs, m)
	s.mu.Unlock()
	return m
}

// reject writes an error the way the provider does: 46elks answers with a
// plain-text reason, Twilio with {code, message, more_info, status}.
func (s *Server) reject(w http.ResponseWriter, status, code int, msg string) {
	if s.provider == sms.Twilio {
		writeJSON(w, status, map[string]any{
			"code": code, "message": msg, "status": status,
			"more_info": fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code),
		})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, msg)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

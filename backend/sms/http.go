package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds one request to a provider when Options.HTTPClient is nil.
const DefaultTimeout = 15 * time.Second

// Options adjust a provider client.
type Options struct {
	// BaseURL replaces the provider's scheme and host (https://api.46elks.com,
	// https://api.twilio.com); tests point it at a local server.
	BaseURL string
	// HTTPClient sends the requests; nil means a client with DefaultTimeout.
	HTTPClient *http.Client
}

func (o Options) client() *http.Client {
	if o.HTTPClient != nil {
		return o.HTTPClient
	}
	return &http.Client{Timeout: DefaultTimeout}
}

// errorBody extracts the provider's message and code from an error answer.
type errorBody func(body []byte) (code, message string)

// post sends a form with basic auth and turns every failure into an *Error.
func post(ctx context.Context, hc *http.Client, p Provider, endpoint string, c Credentials, form url.Values, parse errorBody) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, &Error{Code: CodeInvalidConfig, Provider: p, Message: "bad provider address", Err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(c.Username, c.Password)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, transportError(ctx, p, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return nil, transportError(ctx, p, err)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return body, nil
	}
	code, msg := parse(body)
	if msg == "" {
		msg = http.StatusText(resp.StatusCode)
	}
	e := &Error{Code: CodeProvider, Provider: p, Status: resp.StatusCode, ProviderCode: code, Message: msg}
	if resp.StatusCode == http.StatusUnauthorized {
		e.Code = CodeAuth
		e.Message = ErrAuth.Message + ": " + msg
	}
	return nil, e
}

func transportError(ctx context.Context, p Provider, err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &Error{Code: CodeTimeout, Provider: p, Message: ErrTimeout.Message, Err: err}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("sending SMS through %s: %w", p, ctx.Err())
	}
	return &Error{Code: CodeNetwork, Provider: p, Message: ErrNetwork.Message, Err: err}
}

// plainOrJSON reads an error body that is either plain text (46elks) or a JSON
// object with a "message" or "error" member.
func plainOrJSON(body []byte) (code, message string) {
	var j struct {
		Code    json.RawMessage `json:"code"`
		Message string          `json:"message"`
		Error   string          `json:"error"`
	}
	if json.Unmarshal(body, &j) == nil {
		code = strings.Trim(string(j.Code), `"`)
		if j.Message != "" {
			return code, j.Message
		}
		if j.Error != "" {
			return code, j.Error
		}
	}
	s := strings.TrimSpace(string(body))
	if strings.HasPrefix(s, "<") { // an HTML error page says nothing useful
		return "", ""
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return "", s
}

func baseURL(o Options, def string) string {
	if o.BaseURL != "" {
		return strings.TrimRight(o.BaseURL, "/")
	}
	return def
}

package sms

import (
	"context"
	"encoding/json"
	"net/url"
)

// ElksBaseURL is where the 46elks API lives.
const ElksBaseURL = "https://api.46elks.com"

// ElksClient sends SMS through 46elks (https://46elks.se/docs/send-sms).
type ElksClient struct {
	creds Credentials
	opts  Options
}

var _ Sender = (*ElksClient)(nil)

// NewElks returns a 46elks client; c holds the API username and API password.
func NewElks(c Credentials, o Options) *ElksClient { return &ElksClient{creds: c, opts: o} }

// Send implements Sender. It asks 46elks not to keep the message text in its
// history (dontlog=message): a two-factor code has no business in a log.
func (e *ElksClient) Send(ctx context.Context, to, from, text string) error {
	if err := checkMessage(Elks, to, from, text); err != nil {
		return err
	}
	form := url.Values{"from": {from}, "to": {to}, "message": {text}, "dontlog": {"message"}}
	body, err := post(ctx, e.opts.client(), Elks, baseURL(e.opts, ElksBaseURL)+"/a1/sms", e.creds, form, plainOrJSON)
	if err != nil {
		return err
	}
	// A created message answers with its id and status "created".
	var r struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	if json.Unmarshal(body, &r) != nil || r.ID == "" {
		return &Error{Code: CodeProvider, Provider: Elks, Message: "unexpected answer from 46elks: " + short(body)}
	}
	if r.Status == "failed" {
		return &Error{Code: CodeProvider, Provider: Elks, Message: "46elks reports the message as failed"}
	}
	return nil
}

func short(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

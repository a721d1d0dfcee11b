package sms

import (
	"context"
	"encoding/json"
	"net/url"
)

// TwilioBaseURL is where the Twilio REST API lives.
const TwilioBaseURL = "https://api.twilio.com"

// TwilioClient sends SMS through Twilio's Message resource
// (https://www.twilio.com/docs/messaging/api/message-resource).
type TwilioClient struct {
	creds Credentials
	opts  Options
}

var _ Sender = (*TwilioClient)(nil)

// NewTwilio returns a Twilio client; c holds the Account SID and auth token.
func NewTwilio(c Credentials, o Options) *TwilioClient { return &TwilioClient{creds: c, opts: o} }

// Send implements Sender.
func (t *TwilioClient) Send(ctx context.Context, to, from, text string) error {
	if err := checkMessage(Twilio, to, from, text); err != nil {
		return err
	}
	endpoint := baseURL(t.opts, TwilioBaseURL) + "/2010-04-01/Accounts/" + url.PathEscape(t.creds.Username) + "/Messages.json"
	form := url.Values{"To": {to}, "From": {from}, "Body": {text}}
	body, err := post(ctx, t.opts.client(), Twilio, endpoint, t.creds, form, plainOrJSON)
	if err != nil {
		return err
	}
	// Twilio answers 201 Created with the Message resource; a refused message
	// comes back as an error object {code, message, more_info, status}.
	var r struct {
		SID          string `json:"sid"`
		Status       string `json:"status"`
		ErrorCode    any    `json:"error_code"`
		ErrorMessage string `json:"error_message"`
	}
	if json.Unmarshal(body, &r) != nil || r.SID == "" {
		return &Error{Code: CodeProvider, Provider: Twilio, Message: "unexpected answer from Twilio: " + short(body)}
	}
	if r.Status == "failed" || r.Status == "undelivered" {
		msg := r.ErrorMessage
		if msg == "" {
			msg = "Twilio reports the message as " + r.Status
		}
		return &Error{Code: CodeProvider, Provider: Twilio, Message: msg}
	}
	return nil
}

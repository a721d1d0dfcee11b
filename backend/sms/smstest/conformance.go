package smstest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"dataskydd/backend/sms"
)

// NewSender builds the Sender under test, talking to baseURL with hc.
type NewSender func(baseURL string, c sms.Credentials, hc *http.Client) sms.Sender

// Run is the conformance suite: it starts a Server speaking provider p's API
// and checks that the Sender built by newSender delivers messages and reports
// every kind of failure with the right typed error.
func Run(t *testing.T, p sms.Provider, newSender NewSender) {
	creds := sms.Credentials{Username: "AC0123456789abcdef0123456789abcdef", Password: "secret-token"}
	if p == sms.Elks {
		creds = sms.Credentials{Username: "u0123456789abcdef", Password: "API-PASSWORD"}
	}
	start := func(t *testing.T) (*Server, *httptest.Server) {
		fake := NewServer(p, creds)
		srv := httptest.NewServer(fake)
		t.Cleanup(srv.Close)
		return fake, srv
	}
	ctx := context.Background()
	const to, from = "+46701234567", "Dataskydd"

	t.Run("Delivers", func(t *testing.T) {
		fake, srv := start(t)
		s := newSender(srv.URL, creds, srv.Client())
		text := "Din kod: 123456. Gäller i 10 minuter 🙂"
		if err := s.Send(ctx, to, from, text); err != nil {
			t.Fatalf("Send: %v", err)
		}
		m, ok := fake.Last(to)
		if !ok || m.To != to || m.From != from || m.Text != text || m.Provider != p {
			t.Fatalf("provider received %+v, %v", m, ok)
		}
		if n := len(fake.Messages()); n != 1 {
			t.Fatalf("%d messages sent, want 1", n)
		}
	})

	t.Run("WrongCredentials", func(t *testing.T) {
		fake, srv := start(t)
		s := newSender(srv.URL, sms.Credentials{Username: creds.Username, Password: "wrong"}, srv.Client())
		err := s.Send(ctx, to, from, "x")
		var e *sms.Error
		if !errors.Is(err, sms.ErrAuth) || !errors.As(err, &e) || e.Status != http.StatusUnauthorized || e.Provider != p {
			t.Fatalf("got %v, want ErrAuth with status 401", err)
		}
		if len(fake.Messages()) != 0 {
			t.Fatal("a message was accepted with wrong credentials")
		}
	})

	t.Run("ProviderErrorShowsMessage", func(t *testing.T) {
		fake, srv := start(t)
		fake.FailNext(http.StatusForbidden, 21610, "Not enough credits")
		s := newSender(srv.URL, creds, srv.Client())
		err := s.Send(ctx, to, from, "x")
		var e *sms.Error
		if !errors.Is(err, sms.ErrProvider) || !errors.As(err, &e) || e.Status != http.StatusForbidden {
			t.Fatalf("got %v, want ErrProvider with status 403", err)
		}
		if e.Message != "Not enough credits" || !strings.Contains(err.Error(), "Not enough credits") {
			t.Fatalf("provider message lost: %q / %q", e.Message, err.Error())
		}
		if p == sms.Twilio && e.ProviderCode != "21610" {
			t.Fatalf("Twilio error code %q, want 21610", e.ProviderCode)
		}
		// The failure was for that one request; the next one goes through.
		if err := s.Send(ctx, to, from, "again"); err != nil {
			t.Fatalf("Send after a refused one: %v", err)
		}
	})

	t.Run("ServerError", func(t *testing.T) {
		fake, srv := start(t)
		fake.FailNext(http.StatusInternalServerError, 20500, "Internal Server Error")
		err := newSender(srv.URL, creds, srv.Client()).Send(ctx, to, from, "x")
		var e *sms.Error
		if !errors.Is(err, sms.ErrProvider) || !errors.As(err, &e) || e.Status != 500 {
			t.Fatalf("got %v, want ErrProvider with status 500", err)
		}
	})

	t.Run("NetworkFailure", func(t *testing.T) {
		_, srv := start(t)
		base := srv.URL
		srv.Close()
		err := newSender(base, creds, &http.Client{Timeout: 5 * time.Second}).Send(ctx, to, from, "x")
		if !errors.Is(err, sms.ErrNetwork) {
			t.Fatalf("got %v, want ErrNetwork", err)
		}
	})

	t.Run("Timeout", func(t *testing.T) {
		fake, srv := start(t)
		fake.SetDelay(2 * time.Second)
		hc := srv.Client()
		hc.Timeout = 100 * time.Millisecond
		err := newSender(srv.URL, creds, hc).Send(ctx, to, from, "x")
		if !errors.Is(err, sms.ErrTimeout) {
			t.Fatalf("client timeout: got %v, want ErrTimeout", err)
		}
		dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		err = newSender(srv.URL, creds, srv.Client()).Send(dctx, to, from, "x")
		if !errors.Is(err, sms.ErrTimeout) {
			t.Fatalf("context deadline: got %v, want ErrTimeout", err)
		}
	})

	t.Run("InvalidNumberNeverSent", func(t *testing.T) {
		fake, srv := start(t)
		s := newSender(srv.URL, creds, srv.Client())
		for _, bad := range []string{"0701234567", "+46 70 123 45 67", "", "+0701234567"} {
			if err := s.Send(ctx, bad, from, "x"); !errors.Is(err, sms.ErrInvalidNumber) {
				t.Errorf("to %q: got %v, want ErrInvalidNumber", bad, err)
			}
		}
		if err := s.Send(ctx, to, "Dataskydd AB!", "x"); !errors.Is(err, sms.ErrInvalidSender) {
			t.Errorf("bad sender: got %v, want ErrInvalidSender", err)
		}
		if len(fake.Messages()) != 0 {
			t.Fatal("an invalid message reached the provider")
		}
	})

	t.Run("ProviderRejectsNumber", func(t *testing.T) {
		// Numbers the provider refuses although they look like E.164 come back
		// as the provider's own message.
		fake, srv := start(t)
		fake.FailNext(http.StatusBadRequest, 21211, "The 'To' number +46700000000 is not a valid phone number.")
		err := newSender(srv.URL, creds, srv.Client()).Send(ctx, "+46700000000", from, "x")
		var e *sms.Error
		if !errors.As(err, &e) || e.Code != sms.CodeProvider || !strings.Contains(e.Message, "not a valid phone number") {
			t.Fatalf("got %v", err)
		}
	})
}

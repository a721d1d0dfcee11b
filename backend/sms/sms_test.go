package sms_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"dataskydd/backend/secrets"
	"dataskydd/backend/sms"
	"dataskydd/backend/sms/smstest"
)

func TestElksConformance(t *testing.T) {
	smstest.Run(t, sms.Elks, func(base string, c sms.Credentials, hc *http.Client) sms.Sender {
		return sms.NewElks(c, sms.Options{BaseURL: base, HTTPClient: hc})
	})
}

func TestTwilioConformance(t *testing.T) {
	smstest.Run(t, sms.Twilio, func(base string, c sms.Credentials, hc *http.Client) sms.Sender {
		return sms.NewTwilio(c, sms.Options{BaseURL: base, HTTPClient: hc})
	})
}

// TestElksAsksNotToLog checks the request itself: 46elks is asked to keep no
// copy of the text (a two-factor code).
func TestElksAsksNotToLog(t *testing.T) {
	var got http.Header
	var form map[string][]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		r.ParseForm()
		form = r.PostForm
		w.Write([]byte(`{"status":"created","id":"s1","to":"+46701234567"}`))
	}))
	defer srv.Close()
	c := sms.Credentials{Username: "u", Password: "p"}
	if err := sms.NewElks(c, sms.Options{BaseURL: srv.URL}).Send(context.Background(), "+46701234567", "Dataskydd", "kod"); err != nil {
		t.Fatal(err)
	}
	if form["dontlog"][0] != "message" || got.Get("Authorization") == "" {
		t.Fatalf("form %v, headers %v", form, got)
	}
}

type memSettings struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *memSettings) Setting(_ context.Context, k string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	return v, ok, nil
}
func (s *memSettings) SetSetting(_ context.Context, k, v string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
	return nil
}
func (s *memSettings) DeleteSetting(_ context.Context, k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
	return nil
}

func TestGateway(t *testing.T) {
	ctx := context.Background()
	for _, p := range sms.Providers() {
		t.Run(string(p), func(t *testing.T) {
			creds := sms.Credentials{Username: "ACuser", Password: "pw"}
			fake := smstest.NewServer(p, creds)
			srv := httptest.NewServer(fake)
			defer srv.Close()
			settings := &memSettings{m: map[string]string{}}
			sec := secrets.NewMemory()
			g := sms.NewGateway(settings, sec, map[sms.Provider]sms.Options{p: {BaseURL: srv.URL}})

			if ok, err := g.Configured(ctx); ok || err != nil {
				t.Fatalf("fresh gateway configured=%v err=%v", ok, err)
			}
			if err := g.SendTest(ctx, "+46701234567"); !errors.Is(err, sms.ErrNotConfigured) {
				t.Fatalf("SendTest unconfigured: %v", err)
			}
			if err := g.Save(ctx, sms.Settings{Provider: p, SenderName: "Dataskydd"}, sms.Credentials{}); !errors.Is(err, sms.ErrNotConfigured) {
				t.Fatalf("Save without any credentials: %v", err)
			}
			if err := g.Save(ctx, sms.Settings{Provider: p, SenderName: "x y"}, creds); !errors.Is(err, sms.ErrInvalidSender) {
				t.Fatalf("Save with a bad sender: %v", err)
			}
			if err := g.Save(ctx, sms.Settings{Provider: "carrier-pigeon", SenderName: "Dataskydd"}, creds); !errors.Is(err, sms.ErrInvalidConfig) {
				t.Fatalf("Save with an unknown provider: %v", err)
			}
			if err := g.Save(ctx, sms.Settings{Provider: p, SenderName: "Dataskydd"}, creds); err != nil {
				t.Fatal(err)
			}
			// Credentials live in the secrets store, never in the settings.
			for k, v := range settings.m {
				if v == creds.Password || v == creds.Username {
					t.Fatalf("credential in settings under %q", k)
				}
			}
			if v, err := sec.Get(ctx, "sms.credentials."+string(p)); err != nil || v == "" {
				t.Fatalf("credentials not in secrets: %q %v", v, err)
			}
			if ok, err := g.Configured(ctx); !ok || err != nil {
				t.Fatalf("configured=%v err=%v", ok, err)
			}
			if err := g.SendTest(ctx, "+46701234567"); err != nil {
				t.Fatal(err)
			}
			if m, ok := fake.Last("+46701234567"); !ok || m.Text != sms.TestMessage || m.From != "Dataskydd" {
				t.Fatalf("test SMS: %+v %v", m, ok)
			}
			// Saving again with empty credentials keeps the stored ones.
			if err := g.Save(ctx, sms.Settings{Provider: p, SenderName: "Firma"}, sms.Credentials{}); err != nil {
				t.Fatal(err)
			}
			if err := g.Send(ctx, "+46701234567", "hej"); err != nil {
				t.Fatal(err)
			}
			// A keyring that cannot be reached is an error, not "not configured".
			sec.Fail = &secrets.UnavailableError{Op: "get", Err: errors.New("no bus")}
			if _, err := g.Configured(ctx); !errors.Is(err, secrets.ErrUnavailable) {
				t.Fatalf("Configured with the keyring down: %v", err)
			}
			sec.Fail = nil
			if err := g.Remove(ctx); err != nil {
				t.Fatal(err)
			}
			if ok, _ := g.Configured(ctx); ok {
				t.Fatal("configured after Remove")
			}
		})
	}
}

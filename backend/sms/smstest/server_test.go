package smstest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"dataskydd/backend/sms"
)

// TestLast is what the end-to-end tests rely on: the code sent to a number can
// be read back over HTTP.
func TestLast(t *testing.T) {
	c := sms.Credentials{Username: "test", Password: "test"}
	srv := httptest.NewServer(NewServer(sms.Elks, c))
	defer srv.Close()
	get := func(to string) (*http.Response, Message) {
		resp, err := http.Get(srv.URL + "/last?to=" + url.QueryEscape(to))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m Message
		if resp.StatusCode == 200 {
			if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
				t.Fatal(err)
			}
		}
		return resp, m
	}
	if resp, _ := get("+46701234567"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("before any message: %d", resp.StatusCode)
	}
	s := sms.NewElks(c, sms.Options{BaseURL: srv.URL})
	ctx := context.Background()
	for _, text := range []string{"first 111111", "second 222222"} {
		if err := s.Send(ctx, "+46701234567", "Dataskydd", text); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Send(ctx, "+46709876543", "Dataskydd", "other"); err != nil {
		t.Fatal(err)
	}
	if _, m := get("+46701234567"); m.Text != "second 222222" || m.From != "Dataskydd" {
		t.Fatalf("last: %+v", m)
	}
}

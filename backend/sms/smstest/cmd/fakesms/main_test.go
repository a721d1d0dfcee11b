package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dataskydd/backend/sms"
)

// TestFakeSMS runs the command as the end-to-end tests will: it prints its URL,
// takes an SMS over the 46elks API and hands it back on GET /last.
func TestFakeSMS(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSpace(line)
	go io.Copy(io.Discard, pr)

	s := sms.NewElks(sms.Credentials{Username: "test", Password: "test"}, sms.Options{BaseURL: base})
	if err := s.Send(ctx, "+46701234567", "Dataskydd", "Din kod: 424242"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base + "/last?to=" + url.QueryEscape("+46701234567"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Message, To, From string }
	json.NewDecoder(resp.Body).Decode(&m)
	resp.Body.Close()
	if m.Message != "Din kod: 424242" || m.To != "+46701234567" || m.From != "Dataskydd" {
		t.Fatalf("last: %+v", m)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	pw.Close()
}

func TestFakeSMSRejectsUnknownProvider(t *testing.T) {
	if err := run(context.Background(), []string{"-provider", "pigeon"}, io.Discard); err == nil {
		t.Fatal("no error")
	}
}

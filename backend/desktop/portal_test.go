package desktop

import (
	"net/http"
	"testing"
)

// Settings > Kundportal through the adapters: plain HTTP on a reachable address is refused,
// the portal starts on loopback, answers, and stops.
func TestPortalFromTheApp(t *testing.T) {
	a, _ := newTestApp(t, true)
	ps, err := a.GetPortalSettings()
	if err != nil {
		t.Fatal(err)
	}
	if ps.Enabled || ps.Listen != defaultPortalListen {
		t.Fatalf("defaults: %+v", ps)
	}
	ps.Listen = "0.0.0.0:8080"
	if err := a.SavePortalSettings(ps); codeOfAppError(t, err) != CodeBadRequest {
		t.Fatalf("plain HTTP on 0.0.0.0: %v", err)
	}
	ps.Listen = "127.0.0.1:0"
	ps.PublicURL = "https://portal.example.se"
	if err := a.SavePortalSettings(ps); err != nil {
		t.Fatal(err)
	}
	st, err := a.StartPortal()
	if err != nil || !st.Running {
		t.Fatalf("start: %+v %v", st, err)
	}
	resp, err := http.Get("http://" + st.Addr + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") == "" {
		t.Fatalf("portal answered %d", resp.StatusCode)
	}
	if err := a.StopPortal(); err != nil {
		t.Fatal(err)
	}
	if s, _ := a.GetPortalStatus(); s.Running {
		t.Fatal("still running after stop")
	}
	// "Start with the app": on, the app's start-up starts it; off (the default), it does not.
	a.autoStartPortal()
	if s, _ := a.GetPortalStatus(); s.Running {
		t.Fatal("started with the app while switched off")
	}
	ps.Enabled = true
	if err := a.SavePortalSettings(ps); err != nil {
		t.Fatal(err)
	}
	a.autoStartPortal()
	if s, _ := a.GetPortalStatus(); !s.Running {
		t.Fatal("not started with the app while switched on")
	}
	a.stopPortal()
	if q, err := a.ListErasureRequests(); err != nil || len(q) != 0 {
		t.Fatalf("queue: %v %v", q, err)
	}
}

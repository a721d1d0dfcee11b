package desktop

import (
	"path/filepath"
	"testing"
	"time"
)

// The GDPR inventory switch acts in all four bound methods: while it is on, person search,
// the access report, the erasure preview and erase everywhere answer second_factor_required
// (and erase changes nothing) until an SMS code is passed; a wrong code opens nothing; a passed
// one opens them for 10 minutes, not longer; logging out shuts them again. Removing the Check
// from any of the four methods fails this test.
func TestInventorySwitchGatesSearchReportErase(t *testing.T) {
	a, fake := securityApp(t)
	me, _ := a.Me()
	setMobile(t, a, me.UserID, "0701234567")
	importInto(t, a, searchLines[1], searchLines[4])
	s, _ := a.svc()
	now := time.Now()
	s.Inventory.Now = func() time.Time { return now }
	report := filepath.Join(t.TempDir(), "utdrag.html")

	// Switch off: nothing asked.
	if info, err := a.InventoryStepUp(); err != nil || info.Asks {
		t.Fatalf("switch off: %+v %v", info, err)
	}
	if _, err := a.SearchPersons(SearchRequest{Query: "Bo Ek"}); err != nil {
		t.Fatalf("switch off, search: %v", err)
	}

	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetTwoFactorFlow("gdpr_inventory", true); err != nil {
		t.Fatal(err)
	}
	shut := func(when string) {
		t.Helper()
		_, err := a.SearchPersons(SearchRequest{Query: "Åsa Lindström"})
		mustCode(t, err, CodeSecondFactorRequired)
		_, err = a.WriteAccessReport("Åsa Lindström", nil, report)
		mustCode(t, err, CodeSecondFactorRequired)
		_, err = a.PreviewErasure("Åsa Lindström", nil)
		mustCode(t, err, CodeSecondFactorRequired)
		_, err = a.EraseEverywhere("Åsa Lindström", nil)
		mustCode(t, err, CodeSecondFactorRequired)
		if d, err := a.GetRecord("customer", "C1"); err != nil || d.Values["name"] != "Åsa Lindström" {
			t.Fatalf("%s: erase changed the customer: %v %v", when, d.Values["name"], err)
		}
	}
	shut("switch on, no code")
	if info, _ := a.InventoryStepUp(); !info.Asks || info.OpenUntil != "" {
		t.Fatalf("InventoryStepUp = %+v", info)
	}

	pass := func() {
		t.Helper()
		ch, err := a.StartInventoryChallenge()
		if err != nil {
			t.Fatal(err)
		}
		m, _ := fake.Last("+46701234567")
		if err := a.PassInventoryChallenge(ch.ID, sixDigits.FindString(m.Text)); err != nil {
			t.Fatal(err)
		}
	}
	ch, err := a.StartInventoryChallenge()
	if err != nil {
		t.Fatal(err)
	}
	mustCode(t, a.PassInventoryChallenge(ch.ID, "999999x"), CodeWrongCode)
	shut("after a wrong code")

	pass()
	if info, _ := a.InventoryStepUp(); !info.Asks || info.OpenUntil == "" {
		t.Fatalf("after a passed code: %+v", info)
	}
	if res, err := a.SearchPersons(SearchRequest{Query: "Åsa Lindström"}); err != nil || len(res.People) != 1 {
		t.Fatalf("open, search: %+v %v", res.People, err)
	}
	if _, err := a.WriteAccessReport("Åsa Lindström", nil, report); err != nil {
		t.Fatalf("open, report: %v", err)
	}
	if _, err := a.PreviewErasure("Åsa Lindström", nil); err != nil {
		t.Fatalf("open, preview: %v", err)
	}
	now = now.Add(10*time.Minute - time.Second)
	if _, err := a.SearchPersons(SearchRequest{Query: "Bo Ek"}); err != nil {
		t.Fatalf("9:59 later: %v", err)
	}
	now = now.Add(time.Second)
	shut("10 minutes later")

	// Logging out ends the window: the next login asks again.
	pass()
	if err := a.Logout(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Login("anna", adminPW); err != nil {
		t.Fatal(err)
	}
	shut("after logout and login")
	pass()
	plan, err := a.EraseEverywhere("Bo Ek", nil)
	if err != nil || plan.Records == 0 {
		t.Fatalf("open, erase: %+v %v", plan, err)
	}
	if d, _ := a.GetRecord("customer", "C2"); d.Values["name"] == "Bo Ek" {
		t.Fatal("erase did not run")
	}
}

package desktop

import (
	"encoding/json"
	"testing"

	"dataskydd/backend/records"
)

func TestUsersAndRecordsThroughTheAdapters(t *testing.T) {
	f := newRolesFixture(t)
	a := f.app
	f.as(f.sessions["admin"])
	users, err := a.ListUsers()
	if err != nil || len(users) != 3 {
		t.Fatalf("users %+v, %v", users, err)
	}
	if err := a.SetUserActive(f.staffID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Login("staff", "correct horse battery staple staff"); codeOf(err) != CodeAccountDisabled && codeOf(err) != CodeBadCredentials {
		t.Fatalf("deactivated login: %v", err)
	}
	f.as(f.sessions["admin"])
	if err := a.SetUserActive(f.staffID, true); err != nil {
		t.Fatal(err)
	}
	if err := a.ResetUserPassword(f.staffID, "a brand new password 2026"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Login("staff", "a brand new password 2026"); err != nil {
		t.Fatalf("login with the reset password: %v", err)
	}
	f.as(f.sessions["admin"])
	if _, err := a.DeleteUser(f.sessions["admin"].UserID); codeOf(err) != CodeInvalidInput {
		t.Fatalf("deleting oneself: %v", err)
	}

	// A record: a validation problem comes back on its field and writes nothing.
	res, err := a.SaveRecord("work_order", "WO1", map[string]any{"title": "Läcka", "customer_number": "404"}, true)
	if err != nil || res.Record != nil || len(res.Problems) != 1 || res.Problems[0].Field != "customer_number" {
		t.Fatalf("dangling link: %+v, %v", res, err)
	}
	if _, err := a.GetRecord("work_order", "WO1"); codeOf(err) != CodeNotFound {
		t.Fatalf("after a refused save: %v", err)
	}
	res, err = a.SaveRecord("work_order", "WO1", map[string]any{"title": "Läcka"}, true)
	if err != nil || res.Record == nil {
		t.Fatalf("create: %+v, %v", res, err)
	}
	res, err = a.SaveRecord("work_order", "WO1", map[string]any{"title": "Läcka i köket"}, false)
	if err != nil || res.Record == nil {
		t.Fatalf("edit: %+v, %v", res, err)
	}
	d, err := a.GetRecord("work_order", "WO1")
	if err != nil {
		t.Fatal(err)
	}
	var versions []struct {
		Fields map[string]any `json:"fields"`
	}
	if b, _ := json.Marshal(d.Values["versions"]); json.Unmarshal(b, &versions) != nil || len(versions) != 1 || versions[0].Fields["title"] != "Läcka" {
		t.Fatalf("versions %#v", d.Values["versions"])
	}
	effect, err := a.RecordDeleteEffect("work_order")
	if err != nil || effect != "mark" {
		t.Fatalf("effect %q, %v", effect, err)
	}
	if _, err := a.DeleteRecord("work_order", "WO1"); err != nil {
		t.Fatal(err)
	}
	d, _ = a.GetRecord("work_order", "WO1")
	if d.Values["status"] != "deleted" {
		t.Fatalf("after delete: %v", d.Values["status"])
	}
	events, err := a.ListRecords(records.Query{Type: "event", Text: "WO1", Limit: 50})
	if err != nil || events.Total != 3 {
		t.Fatalf("events for WO1: %d, %v", events.Total, err)
	}
	// Schemas: staff sees no Settings or GDPR types.
	f.as(f.sessions["staff"])
	schemas, err := a.RecordSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range schemas {
		if s.Area == "Settings" || s.Area == "GDPR" || s.Name == "event" {
			t.Errorf("staff sees %s (%s)", s.Name, s.Area)
		}
	}
}

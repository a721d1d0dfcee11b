package records

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/jsonl"
	"dataskydd/backend/store"
)

var (
	admin = auth.Session{UserID: "U1", Username: "anna", Roles: []auth.Role{auth.RoleAdmin}}
	staff = auth.Session{UserID: "U1", Username: "anna", Roles: []auth.Role{auth.RoleStaff}}
)

func newService(t *testing.T) (*Service, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Create(ctx, filepath.Join(t.TempDir(), "d"), store.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := jsonl.Import(ctx, st, []string{"../jsonl/testdata/small.jsonl"}, jsonl.Options{}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	return New(st, func() time.Time { return now }), st
}

func TestEditWritesVersionAndEvent(t *testing.T) {
	s, st := newService(t)
	ctx := context.Background()
	d, err := s.Get(ctx, staff, "work_order", "WO1")
	if err != nil {
		t.Fatal(err)
	}
	v := d.Values
	v["title"] = "Ny värmepump"
	delete(v, "end_customer_name")
	// The form may not rewrite history.
	v["versions"] = []any{map[string]any{"changed_at": "2020-01-01", "fields": map[string]any{"title": "forged"}}}
	d, err = s.Save(ctx, staff, "work_order", "WO1", v, false)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := st.Get(ctx, "work_order", "WO1")
	hist := got.Rows("versions")
	if len(hist) != 1 {
		t.Fatalf("versions = %v", hist)
	}
	fields := hist[0]["fields"].(map[string]any)
	if fields["title"] != "Byte av värmepump" || fields["end_customer_name"] != "Kalle Ek" || hist[0]["changed_by"] != "U1" {
		t.Errorf("version entry = %v", hist[0])
	}
	if _, ok := fields["comments"]; ok {
		t.Errorf("unchanged comments recorded as changed: %v", fields)
	}
	if got.String("updated_at") != "2026-11-01T12:00:00Z" || got.String("created_at") != "2024-01-10T07:00:00Z" {
		t.Errorf("times: %v", got.Values)
	}
	var n int
	st.DB.QueryRow(`SELECT COUNT(*) FROM records WHERE type='event' AND data LIKE '%"action":"update"%' AND data LIKE '%"target_id":"WO1"%'`).Scan(&n)
	if n != 1 {
		t.Errorf("events = %d", n)
	}
}

func TestSaveValidatesLikeImport(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	_, err := s.Save(ctx, staff, "time_report", "T9", map[string]any{"hours": "sju"}, true)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "hours" {
		t.Fatalf("err = %v", err)
	}
	_, err = s.Save(ctx, staff, "time_report", "T9", map[string]any{"user": "U404"}, true)
	if !errors.As(err, &ve) || ve.Field != "user" {
		t.Fatalf("dangling link: %v", err)
	}
	if _, err = s.Save(ctx, staff, "time_report", "TR1", map[string]any{}, true); !errors.Is(err, ErrExists) {
		t.Fatalf("create over existing: %v", err)
	}
	d, err := s.Save(ctx, staff, "time_report", "T9", map[string]any{"user": "U1", "hours": 8.0, "date": "2026-10-30"}, true)
	if err != nil {
		t.Fatal(err)
	}
	if d.Values["status"] != "open" || d.Values["created_at"] != "2026-11-01T12:00:00Z" {
		t.Errorf("new record: %v", d.Values)
	}
}

func TestRolesAreCheckedInTheBackend(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	if _, err := s.List(ctx, auth.Session{}, Query{Type: "customer"}); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("nobody: %v", err)
	}
	if _, err := s.List(ctx, staff, Query{Type: "contact_person"}); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("staff on GDPR: %v", err)
	}
	if _, err := s.Get(ctx, staff, "user", "U1"); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("staff on Settings: %v", err)
	}
	if _, err := s.Save(ctx, admin, "event", "E1", map[string]any{}, true); !errors.Is(err, ErrReadOnly) {
		t.Errorf("editing the event log: %v", err)
	}
	if _, err := s.List(ctx, admin, Query{Type: "user"}); err != nil {
		t.Errorf("admin on Settings: %v", err)
	}
}

func TestListPagesSortsAndFilters(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	for i, id := range []string{"A", "B", "C"} {
		if _, err := s.Save(ctx, staff, "schedule", id, map[string]any{"note": "pass " + id, "status": []string{"open", "closed", "open"}[i]}, true); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.List(ctx, staff, Query{Type: "schedule", Sort: "id", Desc: true, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 3 || len(p.Items) != 2 || p.Items[0].ID != "C" || p.Items[1].ID != "B" {
		t.Fatalf("page = %+v", p)
	}
	p, _ = s.List(ctx, staff, Query{Type: "schedule", Status: "open", Text: "pass"})
	if p.Total != 2 {
		t.Errorf("filtered total = %d", p.Total)
	}
	p, _ = s.List(ctx, staff, Query{Type: "schedule", Text: "100%_"})
	if p.Total != 0 {
		t.Errorf("LIKE wildcards not escaped: %d", p.Total)
	}
}

func TestDeleteFollowsTheType(t *testing.T) {
	s, st := newService(t)
	ctx := context.Background()
	if what, err := s.Delete(ctx, staff, "work_order", "WO1"); err != nil || what == "" {
		t.Fatal(what, err)
	}
	wo, _ := st.Get(ctx, "work_order", "WO1")
	if wo.String("status") != "deleted" {
		t.Errorf("status %q", wo.String("status"))
	}
	if effect, _ := s.DeleteEffect(ctx, "customer"); effect != "anonymise" {
		t.Errorf("customer effect %q", effect)
	}
	st.DB.Exec("INSERT INTO retention_policies(type, on_delete) VALUES('customer', 'delete')")
	if effect, _ := s.DeleteEffect(ctx, "customer"); effect != "delete" {
		t.Errorf("customer effect %q", effect)
	}
	if _, err := s.Delete(ctx, admin, "customer", "C1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, admin, "customer", "C1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("customer after hard delete: %v", err)
	}
	if len(Schemas()) != 25 {
		t.Errorf("schemas: %d", len(Schemas()))
	}
}

func TestSchemasCarrySingularLabels(t *testing.T) {
	for _, s := range Schemas() {
		if s.SingularSV == "" || s.SingularEN == "" {
			t.Errorf("%s: no singular label", s.Name)
		}
		if s.Name == "customer" && (s.SingularSV != "Kund" || s.SingularEN != "Customer" || s.LabelSV != "Kunder") {
			t.Errorf("customer: singular %q/%q, plural %q", s.SingularSV, s.SingularEN, s.LabelSV)
		}
	}
}

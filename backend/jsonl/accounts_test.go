package jsonl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/record"
	"dataskydd/backend/store"
)

// accountsStore is a store with two login accounts (the admin anna and the staff member bo),
// an employee without a login (U9, staff), and a group holding bo and U9.
type accountsStore struct {
	st             *store.Store
	accounts       *auth.Service
	annaID, boID   string
	admin, staffer auth.Session
}

func newAccountsStore(t *testing.T) *accountsStore {
	t.Helper()
	ctx := context.Background()
	a := &accountsStore{st: newStore(t)}
	a.accounts = auth.NewService(a.st, auth.Options{Params: auth.TestParams()})
	var err error
	if a.admin, err = a.accounts.Setup(ctx, auth.SetupInput{Username: "anna", Password: "Tre glada laxar i ån"}); err != nil {
		t.Fatal(err)
	}
	a.annaID = a.admin.UserID
	if a.boID, err = a.accounts.CreateUser(ctx, a.admin, auth.NewUser{Username: "bo", Password: "Bos eget långa lösenord", Roles: []auth.Role{auth.RoleStaff}}); err != nil {
		t.Fatal(err)
	}
	a.staffer = auth.Session{UserID: a.boID, Username: "bo", Roles: []auth.Role{auth.RoleStaff}}
	if _, err = a.importLines(t, `{"type":"user","id":"U9","username":"cilla","name":"Cilla Ek","status":"open"}`,
		`{"type":"permission","id":"P9","user":"U9","role":"staff"}`); err != nil {
		t.Fatal(err)
	}
	// The group as the app makes it (an import may not put a login account in a group).
	g, err := record.Decode([]byte(fmt.Sprintf(`{"type":"group","id":"G1","name":"Montörer","members":[%q,"U9"],"status":"open"}`, a.boID)))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.st.Update(ctx, func(tx *store.Tx) error { _, err := tx.Put(g, 0); return err }); err != nil {
		t.Fatal(err)
	}
	return a
}

func (a *accountsStore) importLines(t *testing.T, lines ...string) (Result, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return Import(context.Background(), a.st, []string{path}, Options{})
}

// storedLine returns the exported line of one record.
func (a *accountsStore) storedLine(t *testing.T, typ, id string) string {
	t.Helper()
	for _, l := range strings.Split(string(export(t, a.st)), "\n") {
		if strings.HasPrefix(l, fmt.Sprintf(`{"type":%q,"id":%q`, typ, id)) {
			return l
		}
	}
	t.Fatalf("no %s %s in the export", typ, id)
	return ""
}

func TestImportRoundTripsAccountsUnchanged(t *testing.T) {
	a := newAccountsStore(t)
	before := export(t, a.st)
	path := filepath.Join(t.TempDir(), "all.jsonl")
	if err := os.WriteFile(path, before, 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := Import(context.Background(), a.st, []string{path}, Options{})
	if err != nil {
		t.Fatalf("re-importing an unchanged export: %v", err)
	}
	if res.Counts["permission"] != 3 || res.Counts["user"] != 3 || res.Counts["group"] != 1 {
		t.Fatalf("counts %v", res.Counts)
	}
	if after := export(t, a.st); string(after) != string(before) {
		t.Fatalf("the store changed:\n%s\nvs\n%s", before, after)
	}
	// Fields of a login account's record that are not about the login may change.
	anna := strings.Replace(a.storedLine(t, "user", a.annaID), `"username":"anna"`, `"username":"anna","mobile_phone":"070-111 22 33"`, 1)
	if _, err := a.importLines(t, anna); err != nil {
		t.Fatalf("changing the admin's phone number: %v", err)
	}
	// Employees without a login, their permissions, and a group's members who have none,
	// are ordinary data.
	if _, err := a.importLines(t,
		`{"type":"permission","id":"P9","user":"U9","role":"admin"}`,
		`{"type":"permission","id":"P10","user":"U9","role":"gdpr_officer"}`,
		`{"type":"user","id":"U9","username":"cilla2","name":"Cilla Ek","status":"deleted"}`,
		fmt.Sprintf(`{"type":"group","id":"G1","name":"Montörer","members":[%q],"status":"open"}`, a.boID),
		`{"type":"group","id":"G2","name":"Nya","members":["U9"]}`); err != nil {
		t.Fatalf("non-login changes: %v", err)
	}
}

func TestImportCannotChangeAccountsRolesOrPermissions(t *testing.T) {
	a := newAccountsStore(t)
	annaLine := a.storedLine(t, "user", a.annaID)
	boLine := a.storedLine(t, "user", a.boID)
	cases := []struct {
		name, line, field string
	}{
		// The first attack: make a staff account admin.
		{"permission admin for staff", fmt.Sprintf(`{"type":"permission","id":"%s:admin","user":%q,"role":"admin"}`, a.boID, a.boID), "role"},
		{"permission changed to admin", fmt.Sprintf(`{"type":"permission","id":"%s:staff","user":%q,"role":"admin"}`, a.boID, a.boID), "role"},
		{"admin's permission moved", fmt.Sprintf(`{"type":"permission","id":"%s:admin","user":%q,"role":"admin"}`, a.annaID, a.boID), "user"},
		{"employee's permission moved to a login", fmt.Sprintf(`{"type":"permission","id":"P9","user":%q,"role":"staff"}`, a.boID), "user"},
		// The second attack: the only admin's record marked deleted.
		{"only admin deleted", strings.Replace(annaLine, `"status":"open"`, `"status":"deleted"`, 1), "status"},
		{"admin deleted_at", strings.Replace(annaLine, `"status":"open"`, `"status":"open","deleted_at":"2020-01-01T00:00:00Z"`, 1), "deleted_at"},
		{"login renamed", strings.Replace(boLine, `"username":"bo"`, `"username":"bosse"`, 1), "username"},
		{"employee takes a login name", `{"type":"user","id":"U9","username":"ANNA","status":"open"}`, "username"},
		{"new user takes a login name", `{"type":"user","id":"U10","username":"bo"}`, "username"},
		{"login added to a group", fmt.Sprintf(`{"type":"group","id":"G1","name":"Montörer","members":[%q,%q,"U9"],"status":"open"}`, a.boID, a.annaID), "members"},
		{"login removed from a group", `{"type":"group","id":"G1","name":"Montörer","members":["U9"],"status":"open"}`, "members"},
		{"new group with a login", fmt.Sprintf(`{"type":"group","id":"G9","name":"Admins","members":[%q]}`, a.boID), "members"},
	}
	before := export(t, a.st)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The bad line comes second, after a good one, so nothing at all may be written.
			_, err := a.importLines(t, `{"type":"customer","id":"C77","customer_number":"7777","name":"Ny Kund"}`, c.line)
			var le *LineError
			if !errors.As(err, &le) || le.Line != 2 || le.Field != c.field || !errors.Is(err, ErrImport) {
				t.Fatalf("got %v, want a refusal of line 2, field %q", err, c.field)
			}
			if !strings.HasSuffix(le.File, "in.jsonl") {
				t.Errorf("file %q", le.File)
			}
			if after := export(t, a.st); string(after) != string(before) {
				t.Fatal("a refused import changed the store")
			}
		})
	}
	// And the accounts behave as before: bo is still staff, anna still the admin.
	roles, err := a.accounts.RolesOf(context.Background(), a.boID)
	if err != nil || !slices.Equal(roles, []auth.Role{auth.RoleStaff}) {
		t.Fatalf("bo's roles %v %v", roles, err)
	}
	if _, err := a.accounts.Login(context.Background(), "anna", "Tre glada laxar i ån"); err != nil {
		t.Fatalf("anna cannot log in: %v", err)
	}
}

// A login account whose user record is missing cannot be revived by an import.
func TestImportCannotCreateALoginAccountsRecord(t *testing.T) {
	a := newAccountsStore(t)
	if err := a.st.Update(context.Background(), func(tx *store.Tx) error { return tx.Remove("user", a.boID) }); err != nil {
		t.Fatal(err)
	}
	_, err := a.importLines(t, fmt.Sprintf(`{"type":"user","id":%q,"username":"bo","status":"open"}`, a.boID))
	var le *LineError
	if !errors.As(err, &le) || le.Field != "id" {
		t.Fatalf("got %v, want a refusal naming id", err)
	}
}

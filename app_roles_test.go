package main

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
)

// access says who may call a bound method. The test calls every exported method of *App as
// admin, gdpr_officer, staff and nobody, and checks that exactly the others are refused in
// the backend: nobody gets "unauthenticated", a logged-in user without a listed role gets
// "forbidden". A new bound method must get a row here, or the test fails.
type access struct {
	public bool        // callable without a session (login screen, first run)
	roles  []auth.Role // nil with public false: any logged-in user
	// dialog: the method opens a native dialog, which needs the Wails runtime; it is only
	// called where it must be refused.
	dialog bool
	// args builds the arguments; nil: zero values.
	args func(f *rolesFixture) []any
}

var (
	anyone     = access{}
	adminOnly  = access{roles: []auth.Role{auth.RoleAdmin}}
	adminOrDPO = access{roles: []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}}
	public     = access{public: true}
)

// boundAccess is the authorisation table of every bound method.
var boundAccess = map[string]access{
	// shell
	"Version":           public,
	"Status":            anyone,
	"ChooseImportFiles": {roles: []auth.Role{auth.RoleAdmin}, dialog: true},
	"ImportFiles":       {roles: []auth.Role{auth.RoleAdmin}, args: func(*rolesFixture) []any { return []any{[]string{fixture}} }},
	"ChooseExportFile":  {roles: []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}, dialog: true},
	"ExportFile": {roles: []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}, args: func(f *rolesFixture) []any {
		return []any{filepath.Join(f.dir, "export.jsonl"), "customer"}
	}},
	"Cancel": public, // stops the running import or export; harmless without a session
	// session and accounts
	"State":              public,
	"FirstRun":           public,
	"Login":              public,
	"Logout":             public,
	"Lock":               public,
	"Me":                 anyone,
	"ChangeOwnPassword":  anyone,
	"SetIdleLockMinutes": {roles: []auth.Role{auth.RoleAdmin}, args: func(*rolesFixture) []any { return []any{15} }},
	"ListUsers":          adminOnly,
	"CreateUser":         adminOnly,
	"SetUserRoles":       {roles: []auth.Role{auth.RoleAdmin}, args: func(f *rolesFixture) []any { return []any{f.staffID, []string{"staff"}} }},
	"SetUserActive":      {roles: []auth.Role{auth.RoleAdmin}, args: func(f *rolesFixture) []any { return []any{f.staffID, true} }},
	"ResetUserPassword":  adminOnly,
	"DeleteUser":         adminOnly,
	// records
	"RecordSchemas":      anyone,
	"ListRecords":        {args: func(*rolesFixture) []any { return []any{recordsQuery("customer")} }},
	"GetRecord":          {args: func(*rolesFixture) []any { return []any{"customer", "C1"} }},
	"LookupRecords":      {args: func(*rolesFixture) []any { return []any{"customer", "10", 20} }},
	"SaveRecord":         {args: func(*rolesFixture) []any { return []any{"customer", "", map[string]any{}, true} }},
	"RecordDeleteEffect": {args: func(*rolesFixture) []any { return []any{"customer"} }},
	"DeleteRecord":       {args: func(*rolesFixture) []any { return []any{"customer", "no-such-id"} }},
	// secure data (app_vault.go): the vault checks its forms' lists itself
	"VaultInfo": anyone, "VaultForms": anyone, "VaultForm": anyone, "VaultSaveForm": adminOnly, "VaultDeleteForm": adminOnly,
	"VaultEntries": anyone, "VaultSaveEntry": anyone, "VaultDeleteEntry": anyone, "VaultDecrypt": anyone, "VaultGrant": anyone,
	"VaultRevoke": anyone, "VaultRotateKey": anyone, "VaultStartChallenge": anyone, "VaultPeople": anyone,
	// two-factor (app_twofactor.go): the login's second step runs before the session exists
	"LoginSecondFactor": public, "StartLoginChallenge": public, "VerifyLoginCode": public, "VerifyLoginTOTP": public,
	"CancelLoginChallenge": public, "GetTwoFactorSettings": adminOnly, "SetTwoFactorFlow": adminOnly,
	"SetTrustedDevicePeriod": adminOnly, "GetMyTwoFactor": anyone, "RemoveTrustedDevice": anyone, "StartTOTPEnrolment": anyone,
	"ConfirmTOTPEnrolment": anyone, "RemoveTOTP": anyone, "PhoneStepUp": anyone, "StartPhoneChallenge": anyone,
	"PassPhoneChallenge": anyone,
	// SMS (app_sms.go)
	"GetSMSSettings": adminOnly, "SaveSMSSettings": adminOnly, "RemoveSMSSettings": adminOnly, "SendTestSMS": adminOnly,
	// "Glömt lösenordet?" (app_forgotten.go): before any session
	"ForgotPasswordStart": public, "ForgotPasswordFinish": public,
	// customer portal (app_portal.go)
	"GetPortalSettings": adminOnly, "SavePortalSettings": adminOnly, "GetPortalStatus": adminOnly, "StartPortal": adminOnly,
	"StopPortal": adminOnly, "InviteToPortal": adminOnly, "ListErasureRequests": adminOrDPO, "CloseErasureRequest": adminOrDPO,
}

// rolesFixture is a set-up store with one user per role.
type rolesFixture struct {
	app      *App
	dir      string
	sessions map[string]auth.Session // by role name; "nobody" is the zero session
	staffID  string
}

func newRolesFixture(t *testing.T) *rolesFixture {
	t.Helper()
	dir := t.TempDir()
	a := NewApp(filepath.Join(dir, "data"))
	a.session.opts = &services.Options{CheapKDF: true, Secrets: secrets.NewMemory()}
	t.Cleanup(func() { a.shutdown(context.Background()) })
	admin, err := a.FirstRun(FirstRunInput{OrgName: "Test AB", Lang: "sv", Username: "admin", Name: "Admin", Password: "correct horse battery staple"})
	if err != nil {
		t.Fatal(err)
	}
	f := &rolesFixture{app: a, dir: dir, sessions: map[string]auth.Session{
		"admin":  {UserID: admin.UserID, Username: "admin", Roles: []auth.Role{auth.RoleAdmin}},
		"nobody": {},
	}}
	for _, r := range []auth.Role{auth.RoleGDPROfficer, auth.RoleStaff} {
		id, err := a.CreateUser(NewUserInput{Username: string(r), Name: string(r), Password: "correct horse battery staple " + string(r), Roles: []string{string(r)}})
		if err != nil {
			t.Fatal(err)
		}
		f.sessions[string(r)] = auth.Session{UserID: id, Username: string(r), Roles: []auth.Role{r}}
		if r == auth.RoleStaff {
			f.staffID = id
		}
	}
	return f
}

// as makes sess the app's session (the zero session logs out).
func (f *rolesFixture) as(sess auth.Session) {
	if !sess.Authenticated() {
		f.app.forget()
		return
	}
	s, err := f.app.svc()
	if err != nil {
		panic(err)
	}
	f.app.setSession(s, sess)
}

func TestEveryBoundMethodChecksTheRole(t *testing.T) {
	f := newRolesFixture(t)
	typ := reflect.TypeOf(f.app)
	var names []string
	for i := 0; i < typ.NumMethod(); i++ {
		names = append(names, typ.Method(i).Name)
	}
	sort.Strings(names)
	for name := range boundAccess {
		if _, ok := typ.MethodByName(name); !ok {
			t.Errorf("the table lists %s, which is not a bound method (renamed? remove the row)", name)
		}
	}
	errType := reflect.TypeOf((*error)(nil)).Elem()
	for _, name := range names {
		acc, ok := boundAccess[name]
		if !ok {
			t.Errorf("bound method %s has no row in boundAccess (app_roles_test.go): say who may call it", name)
			continue
		}
		m := reflect.ValueOf(f.app).MethodByName(name)
		mt := m.Type()
		for _, role := range []string{"nobody", "staff", "gdpr_officer", "admin"} {
			sess := f.sessions[role]
			allowed := acc.public || (sess.Authenticated() && (acc.roles == nil || hasAny(sess, acc.roles)))
			if allowed && acc.dialog {
				continue
			}
			f.as(sess)
			var args []reflect.Value
			if acc.args != nil {
				for _, v := range acc.args(f) {
					args = append(args, reflect.ValueOf(v))
				}
			} else {
				for i := 0; i < mt.NumIn(); i++ {
					args = append(args, reflect.Zero(mt.In(i)))
				}
			}
			out := m.Call(args)
			var err error
			if n := mt.NumOut(); n > 0 && mt.Out(n-1).Implements(errType) && !out[n-1].IsNil() {
				err = out[n-1].Interface().(error)
			}
			code := ErrorCode("")
			if err != nil {
				code = codeOf(err)
			}
			switch {
			case allowed && (code == CodeUnauthenticated || code == CodeForbidden):
				t.Errorf("%s as %s: refused (%s: %v), want allowed", name, role, code, err)
			case !allowed && !sess.Authenticated() && code != CodeUnauthenticated:
				t.Errorf("%s as nobody: code %q (%v), want unauthenticated", name, code, err)
			case !allowed && sess.Authenticated() && code != CodeForbidden:
				t.Errorf("%s as %s: code %q (%v), want forbidden", name, role, code, err)
			}
		}
	}
}

func hasAny(sess auth.Session, roles []auth.Role) bool {
	for _, r := range roles {
		if sess.Has(r) {
			return true
		}
	}
	return false
}

func recordsQuery(typeName string) records.Query { return records.Query{Type: typeName} }

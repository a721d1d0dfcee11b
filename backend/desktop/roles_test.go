package desktop

import (
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
	"dataskydd/backend/secrets"
	"dataskydd/backend/services"
)

// access says who may call a bound method. The test calls every exported method of every
// service of the Shell (each bound to the window on its own, app.go) as
// admin, gdpr_officer, staff and nobody, and checks that exactly the others are refused in
// the backend: nobody gets "unauthenticated", a logged-in user without a listed role gets
// "forbidden". A new bound method must get a row here, or the test fails.
//
// The services check most rights again themselves, so a weakened check at the boundary
// would often still be refused further in. The test therefore also records the boundary's
// own check (requireRole, currentSession) on every call and requires exactly the row's
// roles there; scripts/test-mutations.sh (make test-mutations) proves that removing or
// widening any check in backend/desktop fails this test.
type access struct {
	public bool        // callable without a session (login screen, first run)
	roles  []auth.Role // nil with public false: any logged-in user
	// dialog: the method opens a native dialog, which needs the Wails runtime; it is only
	// called where it must be refused.
	dialog bool
	// args builds the arguments; nil: zero values.
	args func(f *rolesFixture) []any
	// result, if set, checks what the call returned to role (a public method that shows who
	// is logged in must not show anyone to nobody).
	result func(role string, out []reflect.Value) error
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
	// logs as an audit view (logs_export.go)
	"ChooseCSVFile": {roles: []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}, dialog: true},
	"ExportRecordsCSV": {roles: []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}, args: func(f *rolesFixture) []any {
		return []any{records.Query{Type: "event"}, filepath.Join(f.dir, "events.csv")}
	}},
	"VaultEntry":             anyone,
	"PreviewRetentionPolicy": {roles: []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}, args: func(*rolesFixture) []any { return []any{"case", 30} }},
	// session and accounts
	"State":              {public: true, result: stateShowsOnlyTheSession},
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
	// secure data (vault.go): the vault checks its forms' lists itself
	"VaultInfo": anyone, "VaultForms": anyone, "VaultForm": anyone, "VaultSaveForm": adminOnly, "VaultDeleteForm": adminOnly,
	"VaultEntries": anyone, "VaultSaveEntry": anyone, "VaultDeleteEntry": anyone, "VaultDecrypt": anyone, "VaultGrant": anyone,
	"VaultRevoke": anyone, "VaultRotateKey": anyone, "VaultStartChallenge": anyone, "VaultPeople": anyone,
	// two-factor (twofactor.go): the login's second step runs before the session exists
	"LoginSecondFactor": public, "StartLoginChallenge": public, "VerifyLoginCode": public, "VerifyLoginTOTP": public,
	"CancelLoginChallenge": public, "GetTwoFactorSettings": adminOnly, "SetTwoFactorFlow": adminOnly,
	"SetTrustedDevicePeriod": adminOnly, "GetMyTwoFactor": anyone, "RemoveTrustedDevice": anyone, "StartTOTPEnrolment": anyone,
	"ConfirmTOTPEnrolment": anyone, "RemoveTOTP": anyone, "PhoneStepUp": anyone, "StartPhoneChallenge": anyone,
	"PassPhoneChallenge": anyone,
	// SMS (sms.go)
	"GetSMSSettings": adminOnly, "SaveSMSSettings": adminOnly, "RemoveSMSSettings": adminOnly, "SendTestSMS": adminOnly,
	// the scheduler token (scheduler.go)
	"SchedulerToken": adminOnly, "CreateSchedulerToken": adminOnly, "RevokeSchedulerToken": adminOnly,
	// "Glömt lösenordet?" (forgotten.go): before any session
	"ForgotPasswordStart": public, "ForgotPasswordFinish": public,
	// customer portal (portal.go)
	"GetPortalSettings": adminOnly, "SavePortalSettings": adminOnly, "GetPortalStatus": adminOnly, "StartPortal": adminOnly,
	"StopPortal": adminOnly, "InviteToPortal": adminOnly, "ListErasureRequests": adminOrDPO, "CloseErasureRequest": adminOrDPO,
	"InviteToPortalBySMS": adminOnly,
	// the GDPR inventory switch (app_inventory.go)
	"InventoryStepUp": adminOrDPO, "StartInventoryChallenge": adminOrDPO, "PassInventoryChallenge": adminOrDPO,
}

// stateShowsOnlyTheSession: State names the logged-in user's role, and no session to nobody.
func stateShowsOnlyTheSession(role string, out []reflect.Value) error {
	st := out[0].Interface().(AppState)
	switch {
	case role == "nobody" && st.Session != nil:
		return fmt.Errorf("shows a session (%+v) to nobody", *st.Session)
	case role != "nobody" && (st.Session == nil || !slices.Equal(st.Session.Roles, []string{role})):
		return fmt.Errorf("shows the session %+v, want %s's", st.Session, role)
	}
	return nil
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
	t.Cleanup(func() { a.shutdown() })
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

// boundaryCheck is one check a bound method made at the boundary.
type boundaryCheck struct {
	method string      // the bound method that made it (not one it called: RebuildIndex calls CheckIndex)
	roles  []auth.Role // requireRole's roles (none: any logged-in user)
	role   bool        // requireRole; false: currentSession alone
}

// checkRecorder collects the boundary checks of one call.
type checkRecorder struct {
	mu     sync.Mutex
	checks []boundaryCheck
}

func (r *checkRecorder) note(roles []auth.Role, role bool) {
	c := boundaryCheck{method: boundMethodOnStack(), roles: append([]auth.Role(nil), roles...), role: role}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checks = append(r.checks, c)
}

// boundMethodOnStack names the innermost exported method of a service (*...Service) on the
// caller's stack: the bound method a check was made for (closures count as their method).
func boundMethodOnStack() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		fr, more := frames.Next()
		if _, m, ok := strings.Cut(fr.Function, "Service)."); ok && strings.Contains(fr.Function, "/desktop.(*") {
			m, _, _ = strings.Cut(m, ".")
			if m != "" && unicode.IsUpper(rune(m[0])) {
				return m
			}
		}
		if !more {
			return ""
		}
	}
}

func (r *checkRecorder) take() []boundaryCheck {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.checks
	r.checks = nil
	return out
}

// sameRoles reports whether two role lists hold the same set.
func sameRoles(a, b []auth.Role) bool {
	set := func(rs []auth.Role) string {
		s := make([]string, 0, len(rs))
		for _, r := range rs {
			if !slices.Contains(s, string(r)) {
				s = append(s, string(r))
			}
		}
		sort.Strings(s)
		return strings.Join(s, ",")
	}
	return set(a) == set(b)
}

// checkBoundary compares the checks a call made at the boundary with its row.
func checkBoundary(t *testing.T, name, role string, acc access, all []boundaryCheck) {
	t.Helper()
	var checks []boundaryCheck // the method's own: a bound method it calls has its own row
	for _, c := range all {
		if c.method == name {
			checks = append(checks, c)
		}
	}
	switch {
	case acc.public:
		// callable by anyone: a look at the session (State, Login) is allowed, not needed
	case acc.roles == nil:
		if len(checks) == 0 {
			t.Errorf("%s as %s: no session check at the boundary (requireRole or currentSession); the row says any logged-in user", name, role)
		}
		for _, c := range checks {
			if c.role && len(c.roles) > 0 {
				t.Errorf("%s as %s: the boundary requires %v; the row says any logged-in user", name, role, c.roles)
			}
		}
	default:
		n := 0
		for _, c := range checks {
			if !c.role {
				continue
			}
			n++
			if !sameRoles(c.roles, acc.roles) {
				what := fmt.Sprint(c.roles)
				if len(c.roles) == 0 {
					what = "any logged-in user"
				}
				t.Errorf("%s as %s: the boundary allows %s; the row allows exactly %v", name, role, what, acc.roles)
			}
		}
		if n == 0 {
			t.Errorf("%s as %s: no role check at the boundary (requireRole); the row allows only %v", name, role, acc.roles)
		}
	}
}

func TestEveryBoundMethodChecksTheRole(t *testing.T) {
	f := newRolesFixture(t)
	rec := &checkRecorder{}
	f.app.session.checked = rec.note
	// The bound methods: every exported method of every service of the Shell.
	methods := map[string]reflect.Value{}
	shell := reflect.ValueOf(f.app.shell).Elem()
	for i := 0; i < shell.NumField(); i++ {
		if !shell.Type().Field(i).IsExported() {
			continue
		}
		svc := shell.Field(i)
		if !strings.HasSuffix(svc.Type().Elem().Name(), "Service") {
			t.Errorf("Shell.%s is not a service", shell.Type().Field(i).Name)
		}
		for j := 0; j < svc.NumMethod(); j++ {
			name := svc.Type().Method(j).Name
			if _, dup := methods[name]; dup {
				t.Errorf("two services have a method %s", name)
			}
			methods[name] = svc.Method(j)
		}
	}
	var names []string
	for name := range methods {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) < len(boundAccess) {
		t.Errorf("%d bound methods, %d rows", len(names), len(boundAccess))
	}
	for name := range boundAccess {
		if _, ok := methods[name]; !ok {
			t.Errorf("the table lists %s, which is not a bound method (renamed? remove the row)", name)
		}
	}
	errType := reflect.TypeOf((*error)(nil)).Elem()
	for _, name := range names {
		acc, ok := boundAccess[name]
		if !ok {
			t.Errorf("bound method %s has no row in boundAccess (roles_test.go): say who may call it", name)
			continue
		}
		m := methods[name]
		mt := m.Type()
		if n := mt.NumOut(); n == 0 || n > 2 || !mt.Out(n-1).Implements(errType) {
			t.Errorf("bound method %s returns %v: want (T, error) or error, so every failure carries a code", name, mt)
		}
		for _, role := range []string{"nobody", "staff", "gdpr_officer", "admin"} {
			sess := f.sessions[role]
			allowed := acc.public || (sess.Authenticated() && (acc.roles == nil || hasAny(sess, acc.roles)))
			if allowed && acc.dialog {
				continue
			}
			f.as(sess)
			rec.take()
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
			checkBoundary(t, name, role, acc, rec.take())
			if acc.result != nil {
				if err := acc.result(role, out); err != nil {
					t.Errorf("%s as %s: %v", name, role, err)
				}
			}
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

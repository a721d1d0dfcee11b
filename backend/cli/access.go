package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"dataskydd/backend/auth"
)

// Who may run what (shared/spec/cli.md, "Login"): the command line checks roles as the app
// does. Commands that change data or settings, and those that read personal data, need the
// login of an admin or a GDPR officer (--user, the password on standard input); the scheduler
// token (--scheduler) allows `anonymise` on the real clock and nothing else; the rest need no
// login (a --user or --scheduler given to them anyway is still checked, and logged). This
// table is the one place the rule lives; access_test.go asserts its exact sets.

// access is one row of the table.
type access struct {
	// roles may run the action after --user; nil: no login is needed (a --user given anyway
	// is still checked and logged).
	roles []auth.Role
	// scheduler: the scheduler token is enough.
	scheduler bool
	// inventory: the GDPR inventory (person search, access report, erase everywhere). While
	// its two-factor switch is on, the app asks for an SMS code before each 10 minutes of it;
	// the command line has no such step, so it refuses (login.go, checkInventory).
	inventory bool
}

// Actions whose rule depends on more than the command's name.
const (
	actionAnonymise       = "anonymise"           // on the real clock
	actionAnonymiseNow    = "anonymise --now"     // with --now: judged at a chosen time
	actionAnonymiseDryRun = "anonymise --dry-run" // changes nothing
)

// accessTable maps each action (a command's name, or "retention list", "anonymise --now"
// ...) to who may run it. An action missing from it is refused.
func accessTable() map[string]access {
	officers := []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}
	return map[string]access{
		"init":                {}, // creates a store; refuses an existing one
		"check":               {},
		"index":               {}, // index rebuild: derived from the database
		"retention list":      {},
		actionAnonymiseDryRun: {},
		// They change data or settings, or read personal data.
		"import":           {roles: officers},
		"export":           {roles: officers},
		"search":           {roles: officers, inventory: true},
		"report":           {roles: officers, inventory: true},
		"erase":            {roles: officers, inventory: true},
		"delete":           {roles: officers},
		"demo":             {roles: officers},
		"retention set":    {roles: officers},
		actionAnonymiseNow: {roles: officers},
		actionAnonymise:    {roles: officers, scheduler: true},
		// The customer portal serves customers' data and invites them: an administrator's.
		"portal": {roles: []auth.Role{auth.RoleAdmin}},
	}
}

// actionOf names the table row of a command line. anonymise starts at its strictest row;
// cmdAnonymise moves to a lighter one once its flags say it runs on the real clock or dry.
func actionOf(command string, args []string) string {
	switch command {
	case "retention":
		if len(args) > 0 {
			return "retention " + args[0]
		}
	case "anonymise":
		return actionAnonymiseNow
	}
	return command
}

// Principals of the table test and the usage text: nobody, the scheduler token, a role.
const (
	principalNobody    = "nobody"
	principalScheduler = "scheduler"
)

// allowed reports whether principal (nobody, scheduler, or a role name) may run action.
func allowed(action, principal string) bool {
	a, ok := accessTable()[action]
	switch {
	case !ok:
		return false
	case a.roles == nil:
		return true // a --user or --scheduler given anyway is checked and logged
	case principal == principalScheduler:
		return a.scheduler
	case principal == principalNobody:
		return false
	}
	return slices.Contains(a.roles, auth.Role(principal))
}

// Refusals: exit 1 with one of these at the start of the message.
var (
	errLoginRequired = errors.New("login required")
	errNotAllowed    = errors.New("not allowed")
)

func loginRequired(action string, a access) error {
	how := "run it with --user USERNAME (the password on standard input)"
	if a.scheduler {
		how += " or --scheduler"
	}
	return fmt.Errorf("%w: %s needs an %s login; %s", errLoginRequired, action, roleNames(a.roles), how)
}

func roleNames(rs []auth.Role) string {
	var s []string
	for _, r := range rs {
		s = append(s, string(r))
	}
	return strings.Join(s, " or ")
}

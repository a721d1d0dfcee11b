package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// # Imports and accounts
//
// Who can log in, and with which role, is managed in the app, never by an import (an import
// needs only file access and one login; a forged line must not make anyone admin). An
// [ImportGuard] checks every record of an import before it is written, inside the import's
// transaction, and refuses (naming the field):
//
//   - a `permission` record of a login account (its user, before or after, has a password)
//     that is new or differs in any field from the stored one;
//   - a `user` record of a login account (an id with a password, whether or not its record
//     exists) that is new, or changes username, status or deleted_at (other fields, such as
//     the phone numbers, may change);
//   - any other `user` record whose username is a login account's (case-insensitively), unless
//     the stored record already has it;
//   - a `group` record that adds or removes a login account as a member (other members may
//     change; a new group may hold no login account).
//
// So an export of a store imported back unchanged is accepted: every such record equals the
// stored one. After the last record, [ImportGuard.Finish] refuses an import that leaves no
// active administrator where there was one (with the rules above it cannot, but the check
// does not depend on them).

// ImportGuard keeps one import from changing accounts, roles or permissions.
type ImportGuard struct {
	tx           *store.Tx
	logins       map[string]bool   // user ids that have a password
	loginNames   map[string]string // lower-case username -> user id, of login accounts
	adminsBefore int
}

// NewImportGuard reads the login accounts inside the import's transaction.
func NewImportGuard(tx *store.Tx) (*ImportGuard, error) {
	g := &ImportGuard{tx: tx, logins: map[string]bool{}, loginNames: map[string]string{}}
	ctx := tx.Context()
	rows, err := tx.SQL().QueryContext(ctx, `SELECT c.user_id, coalesce(json_extract(r.data, '$.username'), '')
		FROM auth_credentials c LEFT JOIN records r ON r.type = 'user' AND r.ext_id = c.user_id`)
	if err != nil {
		return nil, fmt.Errorf("reading login accounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("reading login accounts: %w", err)
		}
		g.logins[id] = true
		if name != "" {
			g.loginNames[strings.ToLower(name)] = id
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading login accounts: %w", err)
	}
	if g.adminsBefore, err = activeAdmins(ctx, tx); err != nil {
		return nil, err
	}
	return g, nil
}

// ImportRefusal is why a record may not be imported: the field and a sentence.
type ImportRefusal struct {
	Field string
	Msg   string
}

// Check returns nil when r may be written, a refusal when it would change an account, a role
// or a permission, or an error when the store could not be read. Call it before writing r.
func (g *ImportGuard) Check(r *record.Record) (*ImportRefusal, error) {
	switch r.Type.Name {
	case "permission":
		return g.checkPermission(r)
	case "user":
		return g.checkUser(r)
	case "group":
		return g.checkGroup(r)
	}
	return nil, nil
}

// stored returns the record as the store has it, nil when it has none.
func (g *ImportGuard) stored(r *record.Record) (*record.Record, error) {
	old, err := g.tx.Get(r.Type.Name, r.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", r.Type.Name, r.ID, err)
	}
	return old, nil
}

// changedField returns the first field (in the registry's order) whose value differs, "" when
// none does.
func changedField(old, r *record.Record, names ...string) string {
	for _, f := range r.Type.Fields {
		if len(names) > 0 && !slices.Contains(names, f.Name) {
			continue
		}
		if !record.SameValue(&f, old.Values[f.Name], r.Values[f.Name]) {
			return f.Name
		}
	}
	return ""
}

func (g *ImportGuard) checkPermission(r *record.Record) (*ImportRefusal, error) {
	old, err := g.stored(r)
	if err != nil {
		return nil, err
	}
	if old != nil && changedField(old, r) == "" {
		return nil, nil
	}
	// A role of a login account, before or after: refused. (A permission of an employee
	// without a login gives nobody access; the admin who gives them a login sees and sets
	// their roles in Settings > Users.)
	if g.logins[r.String("user")] || (old != nil && g.logins[old.String("user")]) {
		field := "role"
		if old != nil {
			field = changedField(old, r)
		}
		return &ImportRefusal{field, "an import cannot add or change a login account's role: roles are managed in the app (Settings > Users)"}, nil
	}
	return nil, nil
}

func (g *ImportGuard) checkUser(r *record.Record) (*ImportRefusal, error) {
	// What an import must leave as it is on a login account's record: the login name, and
	// whether the account is deleted (now, or by the retention sweep after deleted_at).
	guarded := []string{"username", registry.FieldStatus, registry.FieldDeletedAt}
	old, err := g.stored(r)
	if err != nil {
		return nil, err
	}
	if g.logins[r.ID] {
		if old == nil {
			return &ImportRefusal{"id", "an import cannot create the record of a login account: accounts are managed in the app (Settings > Users)"}, nil
		}
		if f := changedField(old, r, guarded...); f != "" {
			return &ImportRefusal{f, "an import cannot change a login account's username or state: accounts are managed in the app (Settings > Users)"}, nil
		}
		return nil, nil
	}
	name := r.String("username")
	if id, ok := g.loginNames[strings.ToLower(name)]; ok && id != r.ID && (old == nil || !strings.EqualFold(old.String("username"), name)) {
		return &ImportRefusal{"username", fmt.Sprintf("the username %q belongs to a login account: an import cannot give it to another user", name)}, nil
	}
	return nil, nil
}

func (g *ImportGuard) checkGroup(r *record.Record) (*ImportRefusal, error) {
	old, err := g.stored(r)
	if err != nil {
		return nil, err
	}
	var before []string
	if old != nil {
		before = g.loginMembers(old)
	}
	if !slices.Equal(before, g.loginMembers(r)) {
		return &ImportRefusal{"members", "an import cannot add or remove a login account as a group member: groups' accounts are managed in the app"}, nil
	}
	return nil, nil
}

// loginMembers returns a group's members that are login accounts, sorted, without repeats.
func (g *ImportGuard) loginMembers(r *record.Record) []string {
	ms, _ := r.Values["members"].([]string)
	var out []string
	for _, m := range ms {
		if g.logins[m] {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Finish refuses, after the import's last record, an import that leaves no active
// administrator where there was one.
func (g *ImportGuard) Finish() error {
	if g.adminsBefore == 0 {
		return nil
	}
	n, err := activeAdmins(g.tx.Context(), g.tx)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("the import would leave no active administrator: %w", ErrLastAdministrator)
	}
	return nil
}

// activeAdmins counts the administrators who can log in: a password, not deactivated, a user
// record not deleted, and an admin permission.
func activeAdmins(ctx context.Context, tx *store.Tx) (int, error) {
	var n int
	err := tx.SQL().QueryRowContext(ctx, `SELECT count(DISTINCT c.user_id) FROM records p
		JOIN auth_credentials c ON c.user_id = json_extract(p.data, '$.user') AND c.disabled_at IS NULL
		JOIN records u ON u.type = 'user' AND u.ext_id = c.user_id AND coalesce(u.status, '') != 'deleted'
		WHERE p.type = 'permission' AND json_extract(p.data, '$.role') = 'admin'`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("counting administrators: %w", err)
	}
	return n, nil
}

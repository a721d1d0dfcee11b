package desktop

import (
	"strings"

	"dataskydd/backend/auth"
)

// UsersService is Settings > Users: accounts and their roles (admins only).
type UsersService struct{ *Core }

// UserRow is one line of Settings > Users: the `user` record's main fields and its login.
type UserRow struct {
	ID          string   `json:"id"`
	Username    string   `json:"username"`
	Name        string   `json:"name"`
	Email       string   `json:"email"`
	Status      string   `json:"status"`
	Roles       []string `json:"roles"`
	Active      bool     `json:"active"`
	HasPassword bool     `json:"hasPassword"`
}

// maxUsers bounds the users list; a small business has far fewer.
const maxUsers = 500

// ListUsers lists the users with their roles and login state (admins only). Deleted users
// that their retention setting keeps are listed with status "deleted".
func (a *UsersService) ListUsers() ([]UserRow, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return nil, err
	}
	users, err := s.Users(a.ctx, sess, maxUsers)
	if err != nil {
		return nil, a.logFail(sess, err)
	}
	out := make([]UserRow, 0, len(users))
	for _, u := range users {
		row := UserRow{ID: u.ID, Username: u.Username, Name: u.Name, Email: u.Email, Status: u.Status,
			Active: u.Active, HasPassword: u.HasPassword, Roles: []string{}}
		for _, r := range u.Roles {
			row.Roles = append(row.Roles, string(r))
		}
		out = append(out, row)
	}
	return out, nil
}

// NewUserInput is the "new user" form.
type NewUserInput struct {
	Username string   `json:"username"`
	Name     string   `json:"name"`
	Email    string   `json:"email"`
	Password string   `json:"password"`
	Roles    []string `json:"roles"`
}

func toRoles(in []string) []auth.Role {
	out := make([]auth.Role, 0, len(in))
	for _, r := range in {
		out = append(out, auth.Role(strings.TrimSpace(r)))
	}
	return out
}

// CreateUser creates a user with a password and roles (admins only) and returns its id.
func (a *UsersService) CreateUser(in NewUserInput) (string, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return "", err
	}
	id, err := s.Accounts.CreateUser(a.ctx, sess, auth.NewUser{Username: in.Username, Name: in.Name, Email: in.Email, Password: in.Password, Roles: toRoles(in.Roles)})
	if err != nil {
		return "", a.logFail(sess, err)
	}
	if err := s.Sync(a.ctx); err != nil {
		return "", a.logFail(sess, err)
	}
	a.emit(EventStoreChanged, nil)
	return id, nil
}

// SetUserRoles replaces a user's roles (admins only); the last administrator keeps admin.
func (a *UsersService) SetUserRoles(userID string, roles []string) error {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	if err := s.Accounts.SetRoles(a.ctx, sess, userID, toRoles(roles)); err != nil {
		return a.logFail(sess, err)
	}
	return s.Sync(a.ctx)
}

// SetUserActive deactivates or reactivates a user's login (admins only).
func (a *UsersService) SetUserActive(userID string, active bool) error {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	if err := s.Accounts.SetActive(a.ctx, sess, userID, active); err != nil {
		return a.logFail(sess, err)
	}
	return nil
}

// ResetUserPassword sets another user's password (admins only).
func (a *UsersService) ResetUserPassword(userID, password string) error {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return err
	}
	if err := s.Accounts.ResetPassword(a.ctx, sess, userID, password); err != nil {
		return a.logFail(sess, err)
	}
	return nil
}

// DeleteUser deletes a user the way the user retention setting says (anonymised later, or
// gone at once with links cleared) and stops their login (admins only; never oneself).
func (a *UsersService) DeleteUser(userID string) (string, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return "", err
	}
	if err := s.Accounts.BeforeDelete(a.ctx, sess, userID); err != nil {
		return "", a.logFail(sess, err)
	}
	return a.deleteRecord(sess, s, "user", userID)
}

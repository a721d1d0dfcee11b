package services

import (
	"context"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
)

// UserAccount is a user record with its account: roles and login state.
type UserAccount struct {
	ID, Username, Name, Email string
	Status                    string // the record's status: "deleted" for a deleted user kept by retention
	Roles                     []auth.Role
	Active, HasPassword       bool
}

// Users lists up to limit users by id, each with its account (admins only: the records and
// the accounts check). Deleted users that their retention setting keeps are listed too.
func (s *Services) Users(ctx context.Context, sess auth.Session, limit int) ([]UserAccount, error) {
	page, err := s.Records.List(ctx, sess, records.Query{Type: "user", Limit: limit, Sort: "id"})
	if err != nil {
		return nil, err
	}
	out := make([]UserAccount, 0, len(page.Items))
	for _, d := range page.Items {
		acc, err := s.Accounts.Account(ctx, sess, d.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, UserAccount{ID: d.ID, Username: str(d.Values["username"]), Name: str(d.Values["name"]),
			Email: str(d.Values["email"]), Status: str(d.Values["status"]), Roles: acc.Roles, Active: acc.Active, HasPassword: acc.HasPassword})
	}
	return out, nil
}

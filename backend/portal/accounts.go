package portal

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/normalize"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour

// Errors with stable codes for the app.
var (
	ErrNotInvitable = &auth.Error{Code: "portal_not_invitable", Message: "only private customers and contact persons with an e-mail address can be invited"}
	ErrEmailTaken   = &auth.Error{Code: "portal_email_taken", Message: "another portal account already uses this e-mail address"}
)

// account is a portal login.
type account struct {
	ID             string
	Email          string
	Ref            twofactor.PersonRef
	CustomerNumber string
	PasswordHash   string
	Disabled       bool
}

func parseRef(s string) twofactor.PersonRef {
	k, id, _ := strings.Cut(s, ":")
	return twofactor.PersonRef{Kind: twofactor.PersonKind(k), ID: id}
}

func refKey(r twofactor.PersonRef) string { return string(r.Kind) + ":" + r.ID }

const accountCols = "id, email, person, customer_number, COALESCE(password_hash, ''), disabled"

func scanAccount(row interface{ Scan(...any) error }) (*account, error) {
	var a account
	var person string
	if err := row.Scan(&a.ID, &a.Email, &person, &a.CustomerNumber, &a.PasswordHash, &a.Disabled); err != nil {
		return nil, err
	}
	a.Ref = parseRef(person)
	return &a, nil
}

// accountByEmail returns the account, or nil when there is none.
func (s *Server) accountByEmail(ctx context.Context, email string) (*account, error) {
	a, err := scanAccount(s.st.DB.QueryRowContext(ctx, "SELECT "+accountCols+" FROM portal_accounts WHERE email = ?", email))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return a, err
}

func (s *Server) accountByID(ctx context.Context, id string) (*account, error) {
	a, err := scanAccount(s.st.DB.QueryRowContext(ctx, "SELECT "+accountCols+" FROM portal_accounts WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return a, err
}

// normEmail is the form an e-mail is kept and compared in.
func normEmail(s string) (string, bool) {
	if e, ok := normalize.Email(strings.TrimSpace(s)); ok {
		return strings.ToLower(e), true
	}
	return "", false
}

// Invitation is a link an administrator sends to a customer.
type Invitation struct {
	Email   string    `json:"email"`
	Link    string    `json:"link"`
	Expires time.Time `json:"expires"`
}

// Invite creates (or reuses) the portal account of a private customer or contact person and
// returns a fresh invitation link; earlier unused links of the account stop working. by is
// the inviting user's name, for the event log.
func Invite(ctx context.Context, st *store.Store, ref twofactor.PersonRef, publicURL, by string, now time.Time) (Invitation, error) {
	if ref.Kind != twofactor.Customer && ref.Kind != twofactor.ContactPerson {
		return Invitation{}, ErrNotInvitable
	}
	r, err := st.Get(ctx, string(ref.Kind), ref.ID)
	if errors.Is(err, store.ErrNotFound) {
		return Invitation{}, fmt.Errorf("inviting %s %s: %w", ref.Kind, ref.ID, twofactor.ErrPersonNotFound)
	}
	if err != nil {
		return Invitation{}, fmt.Errorf("inviting: %w", err)
	}
	if ref.Kind == twofactor.Customer && r.String("kind") != "private" {
		return Invitation{}, ErrNotInvitable
	}
	email, ok := normEmail(r.String("email"))
	custNo := r.String("customer_number")
	if !ok || custNo == "" || custNo == "0" {
		return Invitation{}, ErrNotInvitable
	}
	tok := randomToken()
	th := sha256.Sum256([]byte(tok))
	inv := Invitation{Email: email, Link: strings.TrimRight(publicURL, "/") + "/invite/" + tok, Expires: now.Add(InvitationTTL)}
	err = st.Update(ctx, func(tx *store.Tx) error {
		var id, person string
		err := tx.SQL().QueryRowContext(ctx, "SELECT id, person FROM portal_accounts WHERE email = ?", email).Scan(&id, &person)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := tx.SQL().QueryRowContext(ctx, "SELECT id FROM portal_accounts WHERE person = ?", refKey(ref)).Scan(&id); err == nil {
				if _, err := tx.Exec("UPDATE portal_accounts SET email = ?, customer_number = ? WHERE id = ?", email, custNo, id); err != nil {
					return err
				}
				break
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			id, err = store.NewID("PA")
			if err != nil {
				return err
			}
			if _, err := tx.Exec("INSERT INTO portal_accounts(id, email, person, customer_number, created_at) VALUES(?, ?, ?, ?, ?)",
				id, email, refKey(ref), custNo, now.UnixMilli()); err != nil {
				return err
			}
		case err != nil:
			return err
		case person != refKey(ref):
			return ErrEmailTaken
		default:
			if _, err := tx.Exec("UPDATE portal_accounts SET customer_number = ?, disabled = 0 WHERE id = ?", custNo, id); err != nil {
				return err
			}
		}
		if _, err := tx.Exec("DELETE FROM portal_invitations WHERE account = ?", id); err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO portal_invitations(token_hash, account, created_at, expires_at) VALUES(?, ?, ?, ?)",
			th[:], id, now.UnixMilli(), inv.Expires.UnixMilli()); err != nil {
			return err
		}
		return tx.LogEvent(store.Event{At: now, Username: by, Action: "portal_invite", TargetType: string(ref.Kind), TargetID: ref.ID})
	})
	if err != nil {
		return Invitation{}, fmt.Errorf("inviting %s %s: %w", ref.Kind, ref.ID, err)
	}
	return inv, nil
}

// invitation returns the account a live invitation token belongs to, or nil.
func (s *Server) invitation(ctx context.Context, tok string) (*account, []byte, error) {
	if tok == "" || len(tok) > 100 {
		return nil, nil, nil
	}
	th := sha256.Sum256([]byte(tok))
	var id string
	err := s.st.DB.QueryRowContext(ctx, "SELECT account FROM portal_invitations WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
		th[:], s.now().UnixMilli()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	a, err := s.accountByID(ctx, id)
	if a == nil || a.Disabled {
		return nil, nil, err
	}
	return a, th[:], nil
}

// setPassword stores a new password hash; invite, when set, is used up in the same
// transaction (a second use of the link finds it used).
func (s *Server) setPassword(ctx context.Context, a *account, phc string, invite []byte, ip, action string) error {
	now := s.now()
	return s.st.Update(ctx, func(tx *store.Tx) error {
		if invite != nil {
			res, err := tx.Exec("UPDATE portal_invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", now.UnixMilli(), invite)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return errInvitationUsed
			}
		}
		if _, err := tx.Exec("UPDATE portal_accounts SET password_hash = ?, password_at = ? WHERE id = ?", phc, now.UnixMilli(), a.ID); err != nil {
			return err
		}
		return tx.LogEvent(store.Event{At: now, Username: portalUser, Email: a.Email, IP: ip, Action: action, TargetType: string(a.Ref.Kind), TargetID: a.Ref.ID})
	})
}

var errInvitationUsed = errors.New("the invitation was already used")

// portalUser is the event log's username for what customers do in the portal.
const portalUser = "kundportal"

// logEvent writes one event of the portal.
func (s *Server) logEvent(ctx context.Context, a *account, ip, action, typ, id string) error {
	ev := store.Event{At: s.now(), Username: portalUser, IP: ip, Action: action, TargetType: typ, TargetID: id}
	if a != nil {
		ev.Email = a.Email
		if typ == "" {
			ev.TargetType, ev.TargetID = string(a.Ref.Kind), a.Ref.ID
		}
	}
	return s.st.Update(ctx, func(tx *store.Tx) error { return tx.LogEvent(ev) })
}

package vault

import (
	"context"
	"database/sql"
	"fmt"

	"dataskydd/backend/auth"
)

// Grant adds members to a form's decrypt list and wraps the form key for every user on the
// list who lacks a wrap, including those marked "needs re-grant". Only someone who can decrypt
// the form can grant: they type their password, and their key unwraps the data key. Call it
// with no members to re-grant everyone pending.
func (s *Service) Grant(ctx context.Context, sess auth.Session, formID string, members []Member, u Unlock) (Form, error) {
	if err := s.requireDecrypt(ctx, s.db, sess, formID); err != nil {
		return Form{}, err
	}
	for _, m := range members {
		if err := s.checkMember(ctx, m); err != nil {
			return Form{}, err
		}
	}
	key, err := s.formKey(ctx, s.db, sess, formID, u)
	if err != nil {
		return Form{}, err
	}
	defer key.Wipe()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, m := range members {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO vault_access(form_id, list, kind, member_id) VALUES(?, 'decrypt', ?, ?)", formID, m.Kind, m.ID); err != nil {
				return fmt.Errorf("granting: %w", err)
			}
		}
		dec, err := s.members(ctx, tx, formID, ListDecrypt)
		if err != nil {
			return err
		}
		var gen int64
		if err := tx.QueryRowContext(ctx, "SELECT key_generation FROM vault_forms WHERE form_id = ?", formID).Scan(&gen); err != nil {
			return fmt.Errorf("granting: %w", err)
		}
		var pending []string
		for _, uid := range sortedKeys(dec) {
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM vault_wraps WHERE form_id = ? AND user_id = ?", formID, uid).Scan(&one)
			if err == sql.ErrNoRows {
				pending = append(pending, uid)
			} else if err != nil {
				return fmt.Errorf("granting: %w", err)
			}
		}
		return s.wrapFor(ctx, tx, formID, gen, key, pending)
	})
	if err != nil {
		return Form{}, err
	}
	if err := s.log(ctx, sess, ActionGrant, TargetForm, formID); err != nil {
		return Form{}, err
	}
	return s.Form(ctx, sess, formID)
}

// Revoke takes a member off a form's decrypt list and deletes the wraps of every user who is
// no longer on it. It returns those users: they may still hold a copy of the key they once
// unwrapped, so the UI offers [Service.RotateKey]. Admins and decrypters may revoke.
func (s *Service) Revoke(ctx context.Context, sess auth.Session, formID string, m Member) ([]string, error) {
	if err := auth.RequireRole(sess); err != nil {
		return nil, err
	}
	if !sess.Has(auth.RoleAdmin) {
		if err := s.requireDecrypt(ctx, s.db, sess, formID); err != nil {
			return nil, err
		}
	}
	if _, err := s.loadForm(ctx, s.db, formID); err != nil {
		return nil, err
	}
	var removed []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM vault_access WHERE form_id = ? AND list = 'decrypt' AND kind = ? AND member_id = ?", formID, m.Kind, m.ID); err != nil {
			return fmt.Errorf("revoking: %w", err)
		}
		var err error
		if removed, err = s.dropStaleWraps(ctx, tx, formID); err != nil {
			return err
		}
		// Goal two of security.md is that nothing is lost: refuse to leave encrypted values
		// that nobody can open any more.
		var holders, sealed int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM vault_wraps WHERE form_id = ?1),
			(SELECT count(*) FROM vault_values v JOIN vault_entries e ON e.entry_id = v.entry_id WHERE e.form_id = ?1 AND v.sealed IS NOT NULL)`,
			formID).Scan(&holders, &sealed); err != nil {
			return fmt.Errorf("revoking: %w", err)
		}
		if holders == 0 && sealed > 0 {
			return ErrLastDecrypter
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.log(ctx, sess, ActionRevoke, TargetForm, formID); err != nil {
		return nil, err
	}
	return removed, nil
}

// dropStaleWraps deletes wraps and re-grant marks of users no longer on the decrypt list.
func (s *Service) dropStaleWraps(ctx context.Context, tx *sql.Tx, formID string) ([]string, error) {
	dec, err := s.members(ctx, tx, formID, ListDecrypt)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT user_id FROM vault_wraps WHERE form_id = ? UNION SELECT user_id FROM vault_regrants WHERE form_id = ?", formID, formID)
	if err != nil {
		return nil, fmt.Errorf("reading wraps: %w", err)
	}
	var stale []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			rows.Close()
			return nil, err
		}
		if !dec[u] {
			stale = append(stale, u)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, u := range stale {
		if _, err := tx.ExecContext(ctx, "DELETE FROM vault_wraps WHERE form_id = ? AND user_id = ?", formID, u); err != nil {
			return nil, fmt.Errorf("deleting wrap: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM vault_regrants WHERE form_id = ? AND user_id = ?", formID, u); err != nil {
			return nil, fmt.Errorf("deleting re-grant mark: %w", err)
		}
	}
	return stale, nil
}

// RotateKey gives a form a new data key: every encrypted value is opened with the old key and
// sealed with the new one, old wraps are deleted and the new key is wrapped for everyone on the
// decrypt list who has a key pair, all in one transaction. A revoked user's copy of the old key
// then opens nothing.
func (s *Service) RotateKey(ctx context.Context, sess auth.Session, formID string, u Unlock) error {
	if err := s.requireDecrypt(ctx, s.db, sess, formID); err != nil {
		return err
	}
	oldKey, err := s.formKey(ctx, s.db, sess, formID, u)
	if err != nil {
		return err
	}
	defer oldKey.Wipe()
	newKey, err := NewDataKey()
	if err != nil {
		return err
	}
	defer newKey.Wipe()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		type sealedValue struct {
			entry, field string
			sealed       []byte
		}
		rows, err := tx.QueryContext(ctx, `SELECT v.entry_id, v.field_id, v.sealed FROM vault_values v
			JOIN vault_entries e ON e.entry_id = v.entry_id WHERE e.form_id = ? AND v.sealed IS NOT NULL`, formID)
		if err != nil {
			return fmt.Errorf("rotating key: %w", err)
		}
		var vals []sealedValue
		for rows.Next() {
			var v sealedValue
			if err := rows.Scan(&v.entry, &v.field, &v.sealed); err != nil {
				rows.Close()
				return fmt.Errorf("rotating key: %w", err)
			}
			vals = append(vals, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("rotating key: %w", err)
		}
		for _, v := range vals {
			loc := Location{Form: formID, Entry: v.entry, Field: v.field}
			pt, err := oldKey.Open(loc, v.sealed)
			if err != nil {
				return fmt.Errorf("rotating key: %w", err)
			}
			resealed, err := newKey.Seal(loc, pt)
			clear(pt)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE vault_values SET sealed = ? WHERE entry_id = ? AND field_id = ?", resealed, v.entry, v.field); err != nil {
				return fmt.Errorf("rotating key: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM vault_wraps WHERE form_id = ?", formID); err != nil {
			return fmt.Errorf("rotating key: %w", err)
		}
		var gen int64
		if err := tx.QueryRowContext(ctx, "UPDATE vault_forms SET key_generation = key_generation + 1 WHERE form_id = ? RETURNING key_generation", formID).Scan(&gen); err != nil {
			return fmt.Errorf("rotating key: %w", err)
		}
		if _, err := s.dropStaleWraps(ctx, tx, formID); err != nil {
			return err
		}
		dec, err := s.members(ctx, tx, formID, ListDecrypt)
		if err != nil {
			return err
		}
		if err := s.wrapFor(ctx, tx, formID, gen, newKey, sortedKeys(dec)); err != nil {
			return err
		}
		return enqueue(ctx, tx, "form_id = ?", formID)
	})
	if err != nil {
		return err
	}
	return s.log(ctx, sess, ActionRotate, TargetForm, formID)
}

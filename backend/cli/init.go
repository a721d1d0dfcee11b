package cli

import (
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

func cmdInit(e *env, args []string) error {
	fs := e.flags("init")
	admin := fs.String("admin", "", "the first administrator's username")
	lang := fs.String("lang", "sv", "UI language and anonymisation word: sv or en")
	org := fs.String("org", "", "the organisation's name")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *admin == "" {
		return usagef("--admin USERNAME is required")
	}
	if *lang != "sv" && *lang != "en" {
		return usagef("--lang must be sv or en")
	}
	password, err := e.readPassword()
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(password); err != nil {
		return err
	}
	st, err := store.Create(e.ctx, e.dataDir, store.CreateOptions{Lang: *lang, OrgName: *org})
	if errors.Is(err, store.ErrStoreExists) {
		return fmt.Errorf("%w: %s", err, e.dataDir)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	if err := createAdmin(e, st, *admin, password, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created the store in %s with administrator %s\n", e.dataDir, *admin)
	return nil
}

// createAdmin writes the first administrator: a user record, an admin permission and the
// password credential.
func createAdmin(e *env, st *store.Store, username, password string, now time.Time) error {
	userT, _ := registry.Get("user")
	permT, _ := registry.Get("permission")
	ts := now.UTC().Format(time.RFC3339)
	u := record.New(userT, "local-"+username)
	u.Set("username", username)
	u.Set(registry.FieldStatus, registry.StatusOpen)
	u.Set(registry.FieldCreatedAt, ts)
	p := record.New(permT, "local-"+username+"-admin")
	p.Set("user", u.ID)
	p.Set("role", "admin")
	p.Set(registry.FieldCreatedAt, ts)
	return st.Update(e.ctx, func(tx *store.Tx) error {
		if _, err := tx.Put(u, 0); err != nil {
			return err
		}
		_, err := tx.Put(p, 0)
		return err
	})
}

package cli

import (
	"errors"
	"fmt"
	"os"

	"dataskydd/backend/auth"
	"dataskydd/backend/services"
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
	// The folder must exist to hold the lock; store.Create makes it owner-only.
	if err := os.MkdirAll(e.dataDir, 0o700); err != nil {
		return fmt.Errorf("creating data folder: %w", err)
	}
	release, err := e.lock("init")
	if err != nil {
		return err
	}
	defer release()
	st, err := store.Create(e.ctx, e.dataDir, store.CreateOptions{Lang: *lang, OrgName: *org})
	if errors.Is(err, store.ErrStoreExists) {
		return fmt.Errorf("%w: %s", err, e.dataDir)
	}
	if err != nil {
		return err
	}
	opts := services.FromEnv()
	opts.CheapKDF = opts.CheapKDF || e.cheapKDF
	svc, err := services.Wire(e.ctx, st, opts)
	if err != nil {
		st.Close()
		return err
	}
	defer svc.Close()
	if _, err := svc.Accounts.Setup(e.ctx, auth.SetupInput{OrgName: *org, Username: *admin, Password: password}); err != nil {
		return fmt.Errorf("creating the administrator: %w", err)
	}
	if err := svc.Sync(e.ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created the store in %s with administrator %s\n", e.dataDir, *admin)
	return nil
}

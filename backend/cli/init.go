package cli

import (
	"errors"
	"fmt"

	"dataskydd/backend/auth"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
	"dataskydd/backend/vault"
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
	accounts, err := accountService(st, e.passwordParams())
	if err != nil {
		return err
	}
	if _, err := accounts.Setup(e.ctx, auth.SetupInput{OrgName: *org, Username: *admin, Password: password}); err != nil {
		return fmt.Errorf("creating the administrator: %w", err)
	}
	fmt.Fprintf(e.stdout, "created the store in %s with administrator %s\n", e.dataDir, *admin)
	return nil
}

// accountService is the account service with the hooks every password change must run: the
// vault re-seals the user's private key, two-factor forgets the user's trusted devices.
func accountService(st *store.Store, params auth.Params) (*auth.Service, error) {
	v, err := vault.New(st.DB, vault.Options{Events: vault.StoreEvents{Store: st}, KeyParams: params})
	if err != nil {
		return nil, err
	}
	return auth.NewService(st, auth.Options{Params: params, Hooks: []auth.PasswordHook{v, twofactor.PasswordHook{}}}), nil
}

// passwordParams are the Argon2id costs; DATASKYDD_TEST_CHEAP_KDF=1 makes them cheap, for
// tests and the end-to-end rig only.
func (e *env) passwordParams() auth.Params {
	if e.cheapKDF {
		return auth.TestParams()
	}
	return auth.Params{}
}

package cli

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"dataskydd/backend/auth"
	"dataskydd/backend/folderlock"
	"dataskydd/backend/search"
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
	password, err := e.readNewPassword()
	if err != nil {
		return err
	}
	if *org == "" && e.onTerminal() {
		fmt.Fprint(e.stderr, "Organisation name (shown on the login screen; empty for none): ")
		name, err := readLine(e.stdin)
		if err != nil {
			return fmt.Errorf("reading the organisation name: %w", err)
		}
		*org = strings.TrimSpace(name)
	}
	if err := auth.CheckPassword(password); err != nil {
		return err
	}
	_, statErr := os.Stat(e.dataDir)
	newDir := errors.Is(statErr, iofs.ErrNotExist)
	// The folder must exist to hold the lock; store.Create makes it owner-only.
	if err := os.MkdirAll(e.dataDir, 0o700); err != nil {
		return fmt.Errorf("creating data folder: %w", err)
	}
	lockRelease, err := e.lock("init")
	if err != nil {
		return errors.Join(err, discardNewStore(e.dataDir, newDir))
	}
	// Released before a failed init removes what it made: Windows removes no locked file.
	release := sync.OnceFunc(lockRelease)
	defer release()
	discard := func() error {
		release()
		return discardNewStore(e.dataDir, newDir)
	}
	st, err := store.Create(e.ctx, e.dataDir, store.CreateOptions{Lang: *lang, OrgName: *org})
	if errors.Is(err, store.ErrStoreExists) {
		st, err = reuseEmptyStore(e, *lang, *org)
		if errors.Is(err, store.ErrStoreExists) {
			return fmt.Errorf("%w: %s", err, e.dataDir)
		}
	}
	if err != nil {
		return errors.Join(err, discard())
	}
	// From here on a failure (a username the account service refuses, a full disk) removes
	// what init made, so the store left behind cannot block the next try.
	opts := services.FromEnv()
	opts.CheapKDF = opts.CheapKDF || e.cheapKDF
	svc, err := services.Wire(e.ctx, st, opts)
	if err != nil {
		st.Close()
		return errors.Join(err, discard())
	}
	if _, err := svc.Accounts.Setup(e.ctx, auth.SetupInput{OrgName: *org, Username: *admin, Password: password}); err != nil {
		svc.Close()
		return errors.Join(fmt.Errorf("creating the administrator: %w", err), discard())
	}
	if err := svc.Sync(e.ctx); err != nil {
		svc.Close()
		return errors.Join(err, discard())
	}
	if err := svc.Close(); err != nil {
		return errors.Join(err, discard())
	}
	fmt.Fprintf(e.stdout, "created the store in %s with administrator %s\n", e.dataDir, *admin)
	return nil
}

// reuseEmptyStore opens the store in the data folder for init when an earlier init died
// before it made the administrator (killed, power lost): a store with no account and no
// record holds nothing, so init sets it up as if it had just made it (as the app's first run
// does). Any other store is store.ErrStoreExists.
func reuseEmptyStore(e *env, lang, org string) (*store.Store, error) {
	st, err := store.Open(e.ctx, e.dataDir)
	if err != nil {
		return nil, err
	}
	setUp, err := auth.NewService(st, auth.Options{}).IsSetUp(e.ctx)
	var counts map[string]int64
	if err == nil {
		counts, err = st.Counts(e.ctx)
	}
	if err == nil && (setUp || len(counts) > 0) {
		err = store.ErrStoreExists
	}
	if err == nil {
		err = st.SetMeta(e.ctx, map[string]string{"lang": lang, "org_name": org})
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return store.Open(e.ctx, e.dataDir) // again, so the store reads the language just set
}

// discardNewStore removes what a failed init made in dir (closed by then): the folder
// itself when init created it, else only the store's own files, so nothing else in a folder
// the user made is touched.
func discardNewStore(dir string, newDir bool) error {
	if newDir {
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("removing the half-made store: %w", err)
		}
		return nil
	}
	var errs []error
	for _, name := range []string{store.FileName, store.FileName + "-wal", store.FileName + "-shm", store.FileName + "-journal", search.DirName, folderlock.FileName} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			errs = append(errs, fmt.Errorf("removing the half-made store: %w", err))
		}
	}
	return errors.Join(errs...)
}

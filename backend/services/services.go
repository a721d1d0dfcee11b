// Package services opens a data folder with every feature wired to the others, once, for
// the desktop app and the command line alike: the account service runs the vault's and
// two-factor's password hooks, the retention engine updates the search index and runs the
// vault's purge, and every write reaches the search index through the outbox.
package services

import (
	"context"
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
	"dataskydd/backend/retention"
	"dataskydd/backend/search"
	"dataskydd/backend/secrets"
	"dataskydd/backend/sms"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
	"dataskydd/backend/vault"
)

// Options tune how the services are built.
type Options struct {
	// CheapKDF uses test-only Argon2id costs (tests and the end-to-end rig; never in use).
	CheapKDF bool
	// Secrets is the OS keyring; nil: the real one.
	Secrets secrets.Secrets
	// SMSBaseURL points both SMS providers at a local test server ("" for the real APIs).
	SMSBaseURL string
	// Progress receives the retention engine's progress (nil: none).
	RetentionProgress func(retention.Progress)
	// DeferPurge: the search index is opened without purging an interrupted erasure's
	// leftovers first; the retention engine's next run purges them (search.Options).
	DeferPurge bool
	// IndexProgress reports a rebuild the search index needs when it is opened (a missing,
	// damaged or outdated index): records done, total. Nil: none.
	IndexProgress func(done, total int)
}

// FromEnv is the options of the app and the command line: the production costs and the
// real SMS APIs, except in a test build (tag testswitches), where the test switches apply.
func FromEnv() Options {
	sw := TestSwitches()
	return Options{CheapKDF: sw.CheapKDF, SMSBaseURL: sw.SMSBaseURL}
}

// Services is one open data folder.
type Services struct {
	Store     *store.Store
	Accounts  *auth.Service
	Records   *records.Service
	Vault     *vault.Service
	Index     *search.Index
	Retention *retention.Engine
	Secrets   secrets.Secrets
	SMS       *sms.Gateway
	TwoFactor *twofactor.Engine
	// Inventory is the GDPR inventory switch's gate (person search, access report, erase).
	Inventory *InventoryGate
}

// KDF returns the Argon2id parameters for passwords and private keys.
func (o Options) KDF() (passwords, keys auth.Params) {
	if o.CheapKDF {
		return auth.TestParams(), auth.TestParams()
	}
	return auth.DefaultParams(), vault.DefaultKeyParams()
}

// Open opens the store in dir and wires every service to it.
func Open(ctx context.Context, dir string, opts Options) (*Services, error) {
	st, err := store.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	s, err := wire(ctx, st, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	return s, nil
}

// Wire builds the services over an open store (used after store.Create by first-run setup).
func Wire(ctx context.Context, st *store.Store, opts Options) (*Services, error) {
	return wire(ctx, st, opts)
}

func wire(ctx context.Context, st *store.Store, opts Options) (*Services, error) {
	pw, keys := opts.KDF()
	s := &Services{Store: st, Secrets: opts.Secrets}
	if s.Secrets == nil {
		s.Secrets = secrets.NewKeyring()
	}
	var err error
	s.Vault, err = vault.New(st.DB, vault.Options{Events: vault.StoreEvents{Store: st}, KeyParams: keys, StepUp: vaultStepUp{s}})
	if err != nil {
		return nil, err
	}
	s.Accounts = auth.NewService(st, auth.Options{Params: pw, Hooks: []auth.PasswordHook{s.Vault, twofactor.PasswordHook{}}})
	s.Records = records.New(st, nil)
	s.Index, err = search.OpenWith(ctx, st, search.Options{DeferPurge: opts.DeferPurge, Progress: opts.IndexProgress})
	if err != nil {
		return nil, fmt.Errorf("opening the search index: %w", err)
	}
	providerOpts := map[sms.Provider]sms.Options{}
	if opts.SMSBaseURL != "" {
		providerOpts[sms.Elks] = sms.Options{BaseURL: opts.SMSBaseURL}
		providerOpts[sms.Twilio] = sms.Options{BaseURL: opts.SMSBaseURL}
	}
	s.SMS = sms.NewGateway(twofactor.NewSettings(st.DB), s.Secrets, providerOpts)
	s.TwoFactor = twofactor.New(twofactor.Options{DB: st.DB, Secrets: s.Secrets, SMS: s.SMS, Lang: st.Lang()})
	s.Inventory = &InventoryGate{TwoFactor: s.TwoFactor}
	s.Retention = retention.New(st, retention.Options{Index: s.Index, Progress: opts.RetentionProgress, Jobs: []retention.Job{vaultPurge{s.Vault}}})
	return s, nil
}

// Sync brings the search index up to date with what was written since the last call.
func (s *Services) Sync(ctx context.Context) error { return s.Index.Apply(ctx) }

// Close closes the index and the store.
func (s *Services) Close() error {
	return errors.Join(s.Index.Close(), s.Store.Close())
}

// vaultPurge is the vault's auto-delete as a scheduled job.
type vaultPurge struct{ v *vault.Service }

func (p vaultPurge) Name() string { return "vault_purge" }

func (p vaultPurge) Run(ctx context.Context, now time.Time) (int, error) {
	return p.v.PurgeExpired(ctx, now)
}

// AfterWrite runs what follows every change made through a screen or a command: a delete
// whose policy anonymises at once (N = 0) is anonymised now, then the search index catches up.
func (s *Services) AfterWrite(ctx context.Context, deletedType, deletedID string) error {
	if deletedType != "" {
		if _, err := s.Retention.AfterDelete(ctx, deletedType, deletedID, time.Now()); err != nil {
			return err
		}
	}
	return s.Sync(ctx)
}

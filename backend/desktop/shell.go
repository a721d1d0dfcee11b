package desktop

import "context"

// Shell is the desktop app's backend: one service per feature, each bound to the window on
// its own (app.go), all sharing one Core. Its own methods are the window's life cycle; it
// is not bound itself.
type Shell struct {
	core *Core

	Session   *SessionService
	TwoFactor *TwoFactorService
	Forgotten *ForgottenService
	Status    *StatusService
	Records   *RecordsService
	Users     *UsersService
	Transfer  *TransferService
	Logs      *LogsService
	Search    *SearchService
	Retention *RetentionService
	Vault     *VaultService
	SMS       *SMSService
	Portal    *PortalService
}

// New returns the services for the store in dataDir; nothing is opened yet.
func New(dataDir string) *Shell {
	c := newCore(dataDir)
	return &Shell{core: c,
		Session: &SessionService{c}, TwoFactor: &TwoFactorService{c}, Forgotten: &ForgottenService{c},
		Status: &StatusService{c}, Records: &RecordsService{c}, Users: &UsersService{c},
		Transfer: &TransferService{c}, Logs: &LogsService{c}, Search: &SearchService{c},
		Retention: &RetentionService{c}, Vault: &VaultService{c}, SMS: &SMSService{c}, Portal: &PortalService{c},
	}
}

// Startup is the window's start (Wails' OnStartup): keep its context and runtime, open the
// store if one exists, start the scheduler and, if so set, the portal.
func (s *Shell) Startup(ctx context.Context, rt Runtime) { s.core.startup(ctx, rt) }

// Shutdown is the window's end (Wails' OnShutdown): stop what runs, close the store.
func (s *Shell) Shutdown(context.Context) { s.core.shutdown() }

// Suspend is the OS going to sleep (Windows' OnSuspend): lock the session.
func (s *Shell) Suspend() { s.core.suspend() }

package desktop

// App, in the tests, is every service of one Shell over its Core: a.X calls the bound
// method X on whichever service has it, a.field reaches the shared state.
type App struct {
	*Core
	*SessionService
	*TwoFactorService
	*ForgottenService
	*StatusService
	*RecordsService
	*UsersService
	*TransferService
	*LogsService
	*SearchService
	*RetentionService
	*VaultService
	*SMSService
	*PortalService

	shell *Shell
}

// NewApp returns the services for the store in dataDir, as New, for the tests.
func NewApp(dataDir string) *App {
	s := New(dataDir)
	return &App{Core: s.core, SessionService: s.Session, TwoFactorService: s.TwoFactor, ForgottenService: s.Forgotten,
		StatusService: s.Status, RecordsService: s.Records, UsersService: s.Users, TransferService: s.Transfer,
		LogsService: s.Logs, SearchService: s.Search, RetentionService: s.Retention, VaultService: s.Vault,
		SMSService: s.SMS, PortalService: s.Portal, shell: s}
}

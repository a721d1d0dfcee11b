package desktop

import (
	"context"
	"sync"

	"dataskydd/backend/folderlock"
	"dataskydd/backend/retention"
	"dataskydd/backend/store"
)

// Core is the state the services share: the data folder and the store opened from it (with
// the folder's lock), the session, the one running import or export, the scheduler and the
// portal. The services (one per feature, *Service) embed it; it has no exported methods, so
// binding a service binds only that service's methods.
type Core struct {
	dataDir string
	ctx     context.Context
	rt      Runtime // events and dialogs (the window's, set in Shell.Startup)

	mu     sync.Mutex
	st     *store.Store     // nil until a store exists in dataDir
	folder *folderlock.Lock // the data folder's lock, held while st is open (folderlock.go)

	op operation // the running import or export, for Cancel

	session   sessionState   // who is logged in, and the wired services (session.go)
	twoFactor twoFactorState // a login waiting for its second factor, passed step-ups (twofactor.go)

	retention retention.Loop // the anonymisation scheduler of the open store (retention.go)
	portal    portalState    // the customer portal run inside the app (portal.go)
}

func newCore(dataDir string) *Core {
	return &Core{dataDir: dataDir, ctx: context.Background(), rt: noRuntime{}}
}

// emit sends a runtime event to the frontend.
func (a *Core) emit(name EventName, data any) { a.rt.Emit(string(name), data) }

// startup keeps the runtime and opens the store if one exists.
func (a *Core) startup(ctx context.Context, rt Runtime) {
	a.ctx = ctx
	a.rt = rt
	// Off the start-up path, so the window paints its splash at once: Wails loads index.html
	// only after OnStartup returns. A service that needs the store meanwhile waits for it in
	// a.store(). A missing store is not an error here: Status reports it.
	go func() {
		_, _ = a.store()
		// The anonymisation scheduler: a catch-up run now, then hourly (no store yet: later).
		_, _ = a.startScheduler()
		a.autoStartPortal() // Settings > Kundportal: "start with the app" (portal.go)
	}()
}

// shutdown closes the store so the WAL is checkpointed, and lets go of the folder.
func (a *Core) shutdown() {
	a.stopScheduler()
	a.stopPortal()
	a.closeServices() // the search index (session.go)
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.st != nil {
		_ = a.st.Close()
		a.st = nil
	}
	a.unlockFolder()
}

package main

import (
	"context"
	"sync"

	"dataskydd/backend/folderlock"
	"dataskydd/backend/store"
)

// App is the desktop shell: the Wails runtime context, the data folder and the
// store opened from it. Its bound methods live in the app_*.go adapters.
type App struct {
	dataDir string
	ctx     context.Context
	emit    func(name EventName, data any) // runtime events; a recorder in tests

	mu     sync.Mutex
	st     *store.Store     // nil until a store exists in dataDir
	folder *folderlock.Lock // the data folder's lock, held while st is open (app_folderlock.go)

	op operation // the running import or export, for Cancel

	session   sessionState   // who is logged in, and the wired services (app_session.go)
	twoFactor twoFactorState // a login waiting for its second factor, passed step-ups (app_twofactor.go)

	retention schedulerState // the anonymisation scheduler (app_retention.go)
	portal    portalState    // the customer portal run inside the app (app_portal.go)
}

// NewApp returns the shell for the store in dataDir; nothing is opened yet.
func NewApp(dataDir string) *App {
	return &App{dataDir: dataDir, ctx: context.Background(), emit: func(EventName, any) {}}
}

// startup is Wails' OnStartup hook: keep the runtime context and open the store if one exists.
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.emit = runtimeEmitter(ctx)
	// Off the start-up path, so the window paints its splash at once: Wails loads index.html
	// only after OnStartup returns. A bound method that needs the store meanwhile waits for
	// it in a.store(). A missing store is not an error here: Status reports it.
	go func() {
		_, _ = a.store()
		// The anonymisation scheduler: a catch-up run now, then hourly (no store yet: later).
		_, _ = a.startScheduler()
		a.autoStartPortal() // Settings > Kundportal: "start with the app" (app_portal.go)
	}()
}

// shutdown is Wails' OnShutdown hook: close the store so the WAL is checkpointed.
func (a *App) shutdown(context.Context) {
	a.stopScheduler()
	a.stopPortal()
	a.closeServices() // the search index (app_session.go)
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.st != nil {
		_ = a.st.Close()
		a.st = nil
	}
	a.unlockFolder()
}

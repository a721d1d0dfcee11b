package main

import (
	"context"
	"sync"

	"dataskydd/backend/store"
)

// App is the desktop shell: the Wails runtime context, the data folder and the
// store opened from it. Its bound methods live in the app_*.go adapters.
type App struct {
	dataDir string
	ctx     context.Context
	emit    func(name EventName, data any) // runtime events; a recorder in tests

	mu sync.Mutex
	st *store.Store // nil until a store exists in dataDir

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
	_, _ = a.store() // a missing store is not an error here: Status reports it
	// The anonymisation scheduler: a catch-up run now, then hourly (no store yet: later).
	go func() { _, _ = a.startScheduler() }()
	go a.autoStartPortal() // Settings > Kundportal: "start with the app" (app_portal.go)
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
}

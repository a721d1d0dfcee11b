package desktop

import (
	"context"
	"errors"
	"sync"

	"dataskydd/backend/store"
)

// errBusy is returned when an import or export starts while another one runs.
var errBusy = errors.New("another import or export is running")

// operation is the one long-running import or export the app allows at a time,
// so that Cancel knows what to stop.
type operation struct {
	mu     sync.Mutex
	cancel context.CancelFunc // nil when nothing runs
}

// begin starts an operation under parent; end must be called when it returns.
func (o *operation) begin(parent context.Context) (ctx context.Context, end func(), err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.cancel != nil {
		return nil, nil, errBusy
	}
	ctx, cancel := context.WithCancel(parent)
	o.cancel = cancel
	return ctx, func() {
		o.mu.Lock()
		defer o.mu.Unlock()
		cancel()
		o.cancel = nil
	}, nil
}

// beginTransfer opens the store and starts the one import or export the app allows at a
// time; end must be called when it returns.
func (a *Core) beginTransfer() (st *store.Store, ctx context.Context, end func(), err error) {
	if st, err = a.store(); err != nil {
		return nil, nil, nil, fail(codeOf(err), err)
	}
	if ctx, end, err = a.op.begin(a.ctx); err != nil {
		return nil, nil, nil, fail(codeOf(err), err)
	}
	return st, ctx, end, nil
}

// Cancel stops the running import or export, if any; it writes nothing. It reports
// whether there was one to stop.
func (a *TransferService) Cancel() (bool, error) {
	a.op.mu.Lock()
	defer a.op.mu.Unlock()
	if a.op.cancel == nil {
		return false, nil
	}
	a.op.cancel()
	return true, nil
}

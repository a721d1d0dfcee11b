package retention

// SetProgress sets the function that receives progress after every batch (nil: none). The
// desktop app sets it once, when it opens the store and before it starts the scheduler,
// so its runs report progress as UI events; call it before runs start, not during one.
func (e *Engine) SetProgress(fn func(Progress)) { e.opts.Progress = fn }

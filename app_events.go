package main

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// EventName names a runtime event the backend sends to the frontend. The set is
// generated into frontend/wailsjs/go/models.ts; the frontend subscribes by these names.
type EventName string

const (
	// EventImportProgress carries a [Progress] while an import runs.
	EventImportProgress EventName = "import:progress"
	// EventExportProgress carries a [Progress] while an export runs.
	EventExportProgress EventName = "export:progress"
	// EventStoreChanged is sent after records were written; the payload is empty.
	EventStoreChanged EventName = "store:changed"
)

var allEventNames = []struct {
	Value  EventName
	TSName string
}{
	{EventImportProgress, "ImportProgress"},
	{EventExportProgress, "ExportProgress"},
	{EventStoreChanged, "StoreChanged"},
}

// Progress reports how far a long import or export has come.
type Progress struct {
	Bytes      int64 `json:"bytes"`      // bytes read or written so far, over all files
	TotalBytes int64 `json:"totalBytes"` // bytes in all (0 when not known in advance)
	Done       bool  `json:"done"`       // the last report of this run
}

// runtimeEmitter sends events through the Wails runtime of ctx.
func runtimeEmitter(ctx context.Context) func(EventName, any) {
	return func(name EventName, data any) { runtime.EventsEmit(ctx, string(name), data) }
}

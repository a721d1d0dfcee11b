package desktop

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
	{EventSessionLocked, "SessionLocked"},
	{EventRetentionProgress, "RetentionProgress"},
	{EventRetentionDone, "RetentionDone"},
	{EventIndexProgress, "IndexProgress"},
}

// Progress reports how far a long import or export has come: an import counts
// bytes read, an export records written.
type Progress struct {
	Done     int64 `json:"done"`     // bytes or records so far
	Total    int64 `json:"total"`    // bytes or records in all (0 when not known)
	Finished bool  `json:"finished"` // the last report of this run
}

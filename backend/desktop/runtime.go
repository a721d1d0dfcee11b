package desktop

import "errors"

// Runtime is what the services need of the window: events to the frontend and the native
// file dialogs. app.go implements it with the Wails runtime; backend/ never imports Wails,
// so the services and their tests run without a window.
type Runtime interface {
	// Emit sends an event (an EventName) with its payload to the frontend.
	Emit(name string, data any)
	// SaveFile asks where to save a file; "" when the user cancels.
	SaveFile(d FileDialog) (string, error)
	// OpenFiles asks for files to open; none when the user cancels.
	OpenFiles(d FileDialog) ([]string, error)
}

// FileDialog is a native file dialog's title, suggested name and filters.
type FileDialog struct {
	Title       string
	DefaultName string
	Filters     []FileFilter
}

// FileFilter is one "files of type" choice of a file dialog: "*.jsonl;*.json".
type FileFilter struct {
	DisplayName string
	Pattern     string
}

// errNoWindow is a dialog's answer before the window runs (and in tests).
var errNoWindow = errors.New("no window to open a dialog in")

// noRuntime is the runtime before the window starts: events go nowhere, dialogs fail.
type noRuntime struct{}

func (noRuntime) Emit(string, any)                       {}
func (noRuntime) SaveFile(FileDialog) (string, error)    { return "", errNoWindow }
func (noRuntime) OpenFiles(FileDialog) ([]string, error) { return nil, errNoWindow }

package desktop

import (
	"errors"
	"fmt"
	"os"

	"dataskydd/backend/paths"
)

// EnvDataDir overrides the data folder of the desktop app (tests, portable installs).
// The CLI's --data-dir flag is the same setting for the command line.
const EnvDataDir = "DATASKYDD_DATA_DIR"

// DataDir is the folder the desktop app keeps its store in.
func DataDir() (string, error) {
	if dir := os.Getenv(EnvDataDir); dir != "" {
		return dir, nil
	}
	dir, err := paths.DataDir()
	if err != nil {
		return "", fmt.Errorf("finding the data folder: %w", err)
	}
	return dir, nil
}

// errNoDisplay is returned instead of GTK's panic when there is no display to open
// the window on.
var errNoDisplay = errors.New("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); " +
	"the command line works without one: dataskydd --help")

// NeedDisplay reports errNoDisplay on X11/Wayland systems without a display. The binary
// `wails generate module` builds (GeneratingBindings) runs without one and needs none.
func NeedDisplay(goos string, getenv func(string) string) error {
	if goos == "windows" || goos == "darwin" || GeneratingBindings {
		return nil
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return errNoDisplay
	}
	return nil
}

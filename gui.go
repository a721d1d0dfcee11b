package main

import (
	"embed"
	"errors"
	"fmt"
	"os"
	goruntime "runtime"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/windows"

	"dataskydd/backend/paths"
)

// The built frontend (npm run build). frontend/dist/.gitkeep keeps go build and
// go test working before Node has run; the window is then blank.
//
//go:embed all:frontend/dist
var assets embed.FS

// The app icon (build/appicon.svg rendered at 1024 px), for the window on Linux;
// Windows and macOS take theirs from build/windows and build/darwin.
//
//go:embed build/appicon.png
var icon []byte

// EnvDataDir overrides the data folder of the desktop app (tests, portable installs).
// The CLI's --data-dir flag is the same setting for the command line.
const EnvDataDir = "DATASKYDD_DATA_DIR"

// guiDataDir is the folder the desktop app keeps its store in.
func guiDataDir() (string, error) {
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

// needDisplay reports errNoDisplay on X11/Wayland systems without a display.
func needDisplay(goos string, getenv func(string) string) error {
	if goos == "windows" || goos == "darwin" {
		return nil
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return errNoDisplay
	}
	return nil
}

// runApp opens the desktop window and returns when it is closed. It needs a display;
// main sends command-line invocations to the CLI before calling it.
func runApp() error {
	if err := needDisplay(goruntime.GOOS, os.Getenv); err != nil && !generatingBindings {
		return err
	}
	dir, err := guiDataDir()
	if err != nil {
		return err
	}
	app := NewApp(dir)
	err = wails.Run(&options.App{
		Title:            "Dataskydd",
		Width:            1280,
		Height:           820,
		MinWidth:         960,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 250, A: 255},
		OnStartup:        app.startup,
		OnShutdown:       app.shutdown,
		Bind:             []any{app},
		EnumBind:         []any{allErrorCodes, allEventNames},
		ErrorFormatter:   formatError,
		Linux:            &linux.Options{ProgramName: "dataskydd", Icon: icon},
		// Windows tells the app when the machine suspends: lock (the session is forgotten).
		// Wails v2 passes no such signal on Linux or macOS; there the idle lock covers it.
		Windows: &windows.Options{OnSuspend: app.suspend},
	})
	if err != nil {
		return fmt.Errorf("running the desktop app: %w", err)
	}
	return nil
}

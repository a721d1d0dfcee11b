package main

import (
	"context"
	"embed"
	"fmt"
	"os"
	goruntime "runtime"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"dataskydd/backend/desktop"
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

// runApp opens the desktop window and returns when it is closed. It needs a display;
// main sends command-line invocations to the CLI before calling it. The services are in
// backend/desktop; this file only hands them to Wails, each bound on its own.
func runApp() error {
	if err := desktop.NeedDisplay(goruntime.GOOS, os.Getenv); err != nil {
		return err
	}
	dir, err := desktop.DataDir()
	if err != nil {
		return err
	}
	app := desktop.New(dir)
	err = wails.Run(&options.App{
		Title:            "Dataskydd",
		Width:            1280,
		Height:           820,
		MinWidth:         960,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 250, A: 255},
		OnStartup:        func(ctx context.Context) { app.Startup(ctx, wailsRuntime{ctx}) },
		OnShutdown:       app.Shutdown,
		Bind: []any{
			app.Session, app.TwoFactor, app.Forgotten, app.Status, app.Records, app.Users, app.Transfer,
			app.Logs, app.Search, app.Retention, app.Vault, app.SMS, app.Portal,
		},
		EnumBind:       desktop.EnumBind,
		ErrorFormatter: desktop.FormatError,
		Linux:          &linux.Options{ProgramName: "dataskydd", Icon: icon},
		// Windows tells the app when the machine suspends: lock (the session is forgotten).
		// Wails v2 passes no such signal on Linux or macOS; there the idle lock covers it.
		Windows: &windows.Options{OnSuspend: app.Suspend},
	})
	if err != nil {
		return fmt.Errorf("running the desktop app: %w", err)
	}
	return nil
}

// wailsRuntime is desktop.Runtime on the Wails runtime of the window's context.
type wailsRuntime struct{ ctx context.Context }

func (r wailsRuntime) Emit(name string, data any) { runtime.EventsEmit(r.ctx, name, data) }

func (r wailsRuntime) SaveFile(d desktop.FileDialog) (string, error) {
	return runtime.SaveFileDialog(r.ctx, runtime.SaveDialogOptions{Title: d.Title, DefaultFilename: d.DefaultName, Filters: filters(d)})
}

func (r wailsRuntime) OpenFiles(d desktop.FileDialog) ([]string, error) {
	return runtime.OpenMultipleFilesDialog(r.ctx, runtime.OpenDialogOptions{Title: d.Title, Filters: filters(d)})
}

func filters(d desktop.FileDialog) []runtime.FileFilter {
	out := make([]runtime.FileFilter, 0, len(d.Filters))
	for _, f := range d.Filters {
		out = append(out, runtime.FileFilter{DisplayName: f.DisplayName, Pattern: f.Pattern})
	}
	return out
}

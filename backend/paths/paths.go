// Package paths finds the folder where Dataskydd keeps a user's data.
//
// # Where the data lives
//
// Without --data-dir, Dataskydd keeps everything (database, search index, settings)
// in one folder named "Dataskydd" inside the operating system's per-user
// application-data folder:
//
//	Windows  %APPDATA%\Dataskydd                       (C:\Users\NAME\AppData\Roaming\Dataskydd)
//	macOS    ~/Library/Application Support/Dataskydd
//	Linux    $XDG_DATA_HOME/Dataskydd, else ~/.local/share/Dataskydd
//
// On Windows and macOS that is the folder [os.UserConfigDir] names. On Linux and
// other Unix systems it is the XDG data folder, not the config folder, because the
// database is data: a user who wipes ~/.config to reset settings should not lose
// their customer register. As the XDG Base Directory specification asks, a
// relative $XDG_DATA_HOME is ignored.
//
// [DataDir] only names the folder; [Ensure] creates it owner-only (0700) and
// tightens an existing one that others can read. On Windows permission bits mean
// nothing: %APPDATA% is already readable only by its user (and administrators).
//
// # Testing
//
// [DataDirFor] is [DataDir] for any GOOS and environment, so the rules for all
// three systems are tested on any one of them.
package paths

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// AppName is the name of the data folder inside the per-user application-data folder.
const AppName = "Dataskydd"

// ErrNoDataDir is returned when the environment names no per-user folder
// (for example %APPDATA% or $HOME is unset); the caller should ask for --data-dir.
var ErrNoDataDir = errors.New("no per-user data folder (use --data-dir)")

// DataDir returns the default data folder for this user on this system. It does
// not create it; see [Ensure].
func DataDir() (string, error) {
	return DataDirFor(runtime.GOOS, os.Getenv)
}

// DataDirFor returns the default data folder for an operating system (a GOOS value)
// given its environment. It uses only getenv, never the file system.
func DataDirFor(goos string, getenv func(string) string) (string, error) {
	base, err := baseDir(goos, getenv)
	if err != nil {
		return "", fmt.Errorf("finding the data folder: %w", err)
	}
	return join(goos, base, AppName), nil
}

func baseDir(goos string, getenv func(string) string) (string, error) {
	switch goos {
	case "windows":
		// The same variable os.UserConfigDir reads (Windows variables ignore case).
		dir := getenv("APPDATA")
		if dir == "" {
			return "", fmt.Errorf("%%APPDATA%% is not set: %w", ErrNoDataDir)
		}
		if !isAbs(goos, dir) {
			return "", fmt.Errorf("%%APPDATA%% is not an absolute path (%q): %w", dir, ErrNoDataDir)
		}
		return dir, nil
	case "darwin", "ios":
		home := getenv("HOME")
		if !isAbs(goos, home) {
			return "", fmt.Errorf("$HOME is not set to an absolute path: %w", ErrNoDataDir)
		}
		return join(goos, home, "Library", "Application Support"), nil
	default: // Linux and other Unix systems: XDG Base Directory specification.
		if dir := getenv("XDG_DATA_HOME"); isAbs(goos, dir) {
			return dir, nil
		}
		home := getenv("HOME")
		if !isAbs(goos, home) {
			return "", fmt.Errorf("neither $XDG_DATA_HOME nor $HOME is set to an absolute path: %w", ErrNoDataDir)
		}
		return join(goos, home, ".local", "share"), nil
	}
}

// isAbs reports whether p is absolute on goos. path/filepath answers only for the
// system the program runs on; this answers for the one asked about.
func isAbs(goos, p string) bool {
	if goos != "windows" {
		return strings.HasPrefix(p, "/")
	}
	if len(p) >= 3 && p[1] == ':' && isSep(p[2]) && isLetter(p[0]) {
		return true
	}
	return len(p) >= 2 && isSep(p[0]) && isSep(p[1]) // \\server\share
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isSep(c byte) bool    { return c == '\\' || c == '/' }

// join joins path elements with goos's separator, dropping a trailing separator
// of the first element so that "C:\Users\x\" and "C:\Users\x" give the same result.
func join(goos string, first string, rest ...string) string {
	sep := "/"
	if goos == "windows" {
		sep = `\`
	}
	out := first
	for len(out) > 1 && isSep(out[len(out)-1]) && !(goos == "windows" && len(out) == 3 && out[1] == ':') {
		out = out[:len(out)-1]
	}
	for _, r := range rest {
		if !isSep(out[len(out)-1]) {
			out += sep
		}
		out += r
	}
	return out
}

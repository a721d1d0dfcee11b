//go:build !windows

package main

// attachConsole is needed only on Windows, where the release binary is a GUI
// program without a console (see console_windows.go). Elsewhere the standard
// handles are always the terminal's or the redirection's.
func attachConsole() {}

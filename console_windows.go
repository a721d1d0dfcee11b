//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

// attachConsole makes command-line output visible on Windows. The release binary
// is linked as a GUI program (-H windowsgui) so that opening the app shows no
// console window; the price is that Windows gives it no console, and when it is
// started from cmd.exe or PowerShell its standard handles point nowhere. This
// attaches to the console of the shell that started it and points each missing
// standard handle (and os.Stdin/Stdout/Stderr) at it.
//
// Handles that were redirected (dataskydd export - > out.jsonl, a pipe into
// init, Task Scheduler, Wine) are valid already and left alone. Without a parent
// console (started from Explorer or the Start menu) it does nothing.
//
// cmd.exe does not wait for a GUI program: its prompt comes back at once and the
// output appears after it. Use `start /wait dataskydd ...` or PowerShell's
// `dataskydd ... | Out-Host` when the order matters; exit codes are unaffected.
func attachConsole() {
	in := !validStdHandle(windows.STD_INPUT_HANDLE)
	out := !validStdHandle(windows.STD_OUTPUT_HANDLE)
	errOut := !validStdHandle(windows.STD_ERROR_HANDLE)
	if !in && !out && !errOut {
		return
	}
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if proc.Find() != nil {
		return
	}
	if ok, _, _ := proc.Call(uintptr(attachParentProcess)); ok == 0 {
		return // no parent console: nowhere to print
	}
	if in {
		if f := openConsole("CONIN$", windows.GENERIC_READ|windows.GENERIC_WRITE, windows.STD_INPUT_HANDLE); f != nil {
			os.Stdin = f
		}
	}
	if out {
		if f := openConsole("CONOUT$", windows.GENERIC_READ|windows.GENERIC_WRITE, windows.STD_OUTPUT_HANDLE); f != nil {
			os.Stdout = f
		}
	}
	if errOut {
		if f := openConsole("CONOUT$", windows.GENERIC_READ|windows.GENERIC_WRITE, windows.STD_ERROR_HANDLE); f != nil {
			os.Stderr = f
		}
	}
}

// validStdHandle reports whether a standard handle refers to something (a
// console, file or pipe) that the process inherited.
func validStdHandle(which uint32) bool {
	h, err := windows.GetStdHandle(which)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}

// openConsole opens the attached console's input or output buffer and makes it
// the process's standard handle, so that child processes and C code see it too.
func openConsole(name string, access uint32, which uint32) *os.File {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil
	}
	h, err := windows.CreateFile(p, access, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return nil
	}
	_ = windows.SetStdHandle(which, h)
	return os.NewFile(uintptr(h), name)
}

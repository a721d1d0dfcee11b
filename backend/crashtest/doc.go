// Package crashtest holds the crash suite: the command line in a process of its own,
// killed with SIGKILL at seeded random moments of an import, a retention sweep, a person
// erasure and an index rebuild, each followed by the next start, a check, a byte search of
// the data folder for erased values, and a comparison with a run that was never killed.
// It has tests only (go test ./backend/crashtest/).
package crashtest

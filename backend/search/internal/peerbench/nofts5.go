//go:build !sqlite_fts5

package main

import (
	"fmt"
	"os"
)

// fts5 needs the sqlite_fts5 build tag (make bench-index passes it); -1: not measured.
func fts5(string, []string) (float64, error) {
	fmt.Fprintln(os.Stderr, "peerbench: built without -tags sqlite_fts5: FTS5 not measured")
	return -1, nil
}

package cli

import (
	"errors"

	"dataskydd/backend/store"
)

// The person search's commands (backend/search).

func cmdSearch(e *env, args []string) error { return errors.New("not available yet") }

func cmdIndex(e *env, args []string) error { return errors.New("not available yet") }

// checkIndex lists where the search index and the database disagree.
func checkIndex(e *env, st *store.Store) ([]string, error) { return nil, nil }

// afterWrite brings the search index up to date with what a command wrote.
func (e *env) afterWrite(st *store.Store) error { return nil }

package cli

import "errors"

// The retention commands (backend/retention).

func cmdRetention(e *env, args []string) error { return errors.New("not available yet") }

func cmdAnonymise(e *env, args []string) error { return errors.New("not available yet") }

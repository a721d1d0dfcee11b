package cli

import "errors"

// cmdDemo is written by the demo generator (backend/demo).
func cmdDemo(e *env, args []string) error { return errors.New("not available yet") }

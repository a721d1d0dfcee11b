//go:build bindings

package desktop

// GeneratingBindings: see bindings_off.go.
const GeneratingBindings = true

//go:build bindings

package main

// generatingBindings: see gui_mode.go.
const generatingBindings = true

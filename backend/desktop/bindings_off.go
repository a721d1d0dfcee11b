//go:build !bindings

package desktop

// GeneratingBindings is true only in the binary `wails generate module` builds (tag
// bindings) to write frontend/wailsjs: that one runs without a display.
const GeneratingBindings = false

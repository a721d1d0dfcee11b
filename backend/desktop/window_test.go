package desktop

import (
	"errors"
	"testing"
)

func TestNeedDisplay(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	tests := []struct {
		goos string
		vars map[string]string
		want error
	}{
		{"linux", nil, errNoDisplay},
		{"linux", map[string]string{"DISPLAY": ":0"}, nil},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, nil},
		{"freebsd", nil, errNoDisplay},
		{"windows", nil, nil},
		{"darwin", nil, nil},
	}
	for _, tt := range tests {
		if got := NeedDisplay(tt.goos, env(tt.vars)); !errors.Is(got, tt.want) {
			t.Errorf("NeedDisplay(%s, %v) = %v, want %v", tt.goos, tt.vars, got, tt.want)
		}
	}
}

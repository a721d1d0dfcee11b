package version

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestGetDefaultsAndPlatform(t *testing.T) {
	info := Get()
	if info.Version != Version {
		t.Errorf("Version = %q, want %q", info.Version, Version)
	}
	if info.Platform != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("Platform = %q", info.Platform)
	}
	if info.Go != runtime.Version() {
		t.Errorf("Go = %q", info.Go)
	}
}

func TestString(t *testing.T) {
	cases := []struct {
		in   Info
		want string
	}{
		{Info{Version: "0.1.0", Commit: "3f2a9c1d0b7e", Go: "go1.26.0", Platform: "windows/amd64"},
			"Dataskydd 0.1.0 (3f2a9c1d0b7e, go1.26.0, windows/amd64)"},
		{Info{Version: "0.1.0-dev", Commit: "3f2a9c1d0b7e", Modified: true, Go: "go1.26.0", Platform: "linux/amd64"},
			"Dataskydd 0.1.0-dev (3f2a9c1d0b7e+modified, go1.26.0, linux/amd64)"},
		{Info{Version: "1.2.3", Go: "go1.26.0", Platform: "darwin/arm64"},
			"Dataskydd 1.2.3 (go1.26.0, darwin/arm64)"},
	}
	for _, c := range cases {
		if got := c.in.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

func TestVCS(t *testing.T) {
	commit, modified := vcs([]debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "3f2a9c1d0b7e55aa66bb77cc88dd99ee00ff1122"},
		{Key: "vcs.modified", Value: "true"},
	})
	if commit != "3f2a9c1d0b7e" || !modified {
		t.Errorf("vcs = %q, %v", commit, modified)
	}
	if commit, modified := vcs(nil); commit != "" || modified {
		t.Errorf("vcs(nil) = %q, %v", commit, modified)
	}
}

// TestLinkerSetsVersion builds a small program with the -ldflags line the
// Makefiles use and checks that the release it reports is the one linked in, and
// that a binary linked without it reports Default.
func TestLinkerSetsVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	goTool, err := exec.LookPath("go") // go test puts its own go first on PATH
	if err != nil {
		t.Fatalf("finding the go tool: %v", err)
	}
	dir := t.TempDir()
	main := filepath.Join(dir, "main.go")
	src := "package main\n\nimport (\n\t\"fmt\"\n\n\t\"dataskydd/backend/version\"\n)\n\nfunc main() { fmt.Print(version.Get().Version) }\n"
	if err := os.WriteFile(main, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ ldflags, want string }{
		{"-X dataskydd/backend/version.Version=9.8.7-rc.1", "9.8.7-rc.1"},
		{"", Default},
	} {
		bin := filepath.Join(dir, "v"+strings.ReplaceAll(c.want, ".", "_"))
		build := exec.Command(goTool, "build", "-ldflags", c.ldflags, "-o", bin, main)
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		out, err := exec.Command(bin).Output()
		if err != nil {
			t.Fatalf("running %s: %v", bin, err)
		}
		if string(out) != c.want {
			t.Errorf("with -ldflags %q the binary reports %q, want %q", c.ldflags, out, c.want)
		}
	}
}

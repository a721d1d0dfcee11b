package paths

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDataDirFor(t *testing.T) {
	cases := []struct {
		name string
		goos string
		env  map[string]string
		want string
	}{
		{"windows appdata", "windows", map[string]string{"APPDATA": `C:\Users\Anna\AppData\Roaming`, "HOME": "/ignored"}, `C:\Users\Anna\AppData\Roaming\Dataskydd`},
		{"windows trailing separator", "windows", map[string]string{"APPDATA": `C:\Users\Anna\AppData\Roaming\`}, `C:\Users\Anna\AppData\Roaming\Dataskydd`},
		{"windows drive root", "windows", map[string]string{"APPDATA": `D:\`}, `D:\Dataskydd`},
		{"windows UNC profile", "windows", map[string]string{"APPDATA": `\\srv\profiles\anna`}, `\\srv\profiles\anna\Dataskydd`},
		{"windows ignores XDG", "windows", map[string]string{"APPDATA": `C:\A`, "XDG_DATA_HOME": "/x"}, `C:\A\Dataskydd`},
		{"darwin", "darwin", map[string]string{"HOME": "/Users/anna", "XDG_DATA_HOME": "/ignored"}, "/Users/anna/Library/Application Support/Dataskydd"},
		{"darwin home trailing slash", "darwin", map[string]string{"HOME": "/Users/anna/"}, "/Users/anna/Library/Application Support/Dataskydd"},
		{"linux xdg", "linux", map[string]string{"HOME": "/home/anna", "XDG_DATA_HOME": "/data/anna"}, "/data/anna/Dataskydd"},
		{"linux xdg relative is ignored", "linux", map[string]string{"HOME": "/home/anna", "XDG_DATA_HOME": "rel/dir"}, "/home/anna/.local/share/Dataskydd"},
		{"linux home", "linux", map[string]string{"HOME": "/home/anna", "XDG_CONFIG_HOME": "/cfg"}, "/home/anna/.local/share/Dataskydd"},
		{"freebsd follows XDG", "freebsd", map[string]string{"HOME": "/usr/home/anna"}, "/usr/home/anna/.local/share/Dataskydd"},
		{"root home", "linux", map[string]string{"HOME": "/"}, "/.local/share/Dataskydd"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := DataDirFor(c.goos, env(c.env))
			if err != nil {
				t.Fatalf("DataDirFor: %v", err)
			}
			if got != c.want {
				t.Errorf("DataDirFor(%s) = %q, want %q", c.goos, got, c.want)
			}
		})
	}
}

func TestDataDirForMissingEnvironment(t *testing.T) {
	cases := []struct {
		name string
		goos string
		env  map[string]string
	}{
		{"windows no APPDATA", "windows", map[string]string{"HOME": `C:\Users\Anna`}},
		{"windows relative APPDATA", "windows", map[string]string{"APPDATA": `AppData\Roaming`}},
		{"windows drive-relative APPDATA", "windows", map[string]string{"APPDATA": `C:AppData`}},
		{"darwin no HOME", "darwin", map[string]string{}},
		{"darwin relative HOME", "darwin", map[string]string{"HOME": "anna"}},
		{"linux nothing", "linux", map[string]string{}},
		{"linux relative XDG and no HOME", "linux", map[string]string{"XDG_DATA_HOME": "data"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := DataDirFor(c.goos, env(c.env))
			if !errors.Is(err, ErrNoDataDir) {
				t.Fatalf("DataDirFor = %q, %v; want ErrNoDataDir", got, err)
			}
		})
	}
}

// TestDataDirMatchesUserConfigDir checks the package doc's promise against the
// standard library on the system the test runs on (run the Windows build of this
// test under Wine, as make test-windows does, to check Windows).
func TestDataDirMatchesUserConfigDir(t *testing.T) {
	got, err := DataDir()
	if err != nil {
		t.Fatalf("DataDir: %v", err)
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		cfg, err := os.UserConfigDir()
		if err != nil {
			t.Fatalf("UserConfigDir: %v", err)
		}
		if want := filepath.Join(cfg, AppName); got != want {
			t.Errorf("DataDir() = %q, want %q", got, want)
		}
	default:
		if os.Getenv("XDG_DATA_HOME") == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				t.Fatalf("UserHomeDir: %v", err)
			}
			if want := filepath.Join(home, ".local", "share", AppName); got != want {
				t.Errorf("DataDir() = %q, want %q", got, want)
			}
		}
	}
	if !filepath.IsAbs(got) {
		t.Errorf("DataDir() = %q is not absolute here", got)
	}
}

func TestDataDirUsesEnvironment(t *testing.T) {
	base := tempDir(t)
	switch runtime.GOOS {
	case "windows":
		t.Setenv("APPDATA", base)
	case "darwin":
		t.Setenv("HOME", base)
		base = filepath.Join(base, "Library", "Application Support")
	default:
		t.Setenv("XDG_DATA_HOME", base)
	}
	got, err := DataDir()
	if err != nil {
		t.Fatalf("DataDir: %v", err)
	}
	if want := filepath.Join(base, AppName); got != want {
		t.Errorf("DataDir() = %q, want %q", got, want)
	}
}

func TestEnsureCreatesOwnerOnly(t *testing.T) {
	dir := filepath.Join(tempDir(t), "a", "b", AppName)
	if err := Ensure(dir); err != nil {
		t.Fatalf("Ensure: %v", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatalf("stat: %v", err)
	}
	if !info.IsDir() {
		t.Fatalf("%s is not a folder", dir)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o700 {
		t.Errorf("mode = %v, want 0700", info.Mode().Perm())
	}
	// A second call on an existing folder is fine and keeps the contents.
	keep := filepath.Join(dir, "store.db")
	if err := os.WriteFile(keep, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Ensure(dir); err != nil {
		t.Fatalf("second Ensure: %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("contents lost: %v", err)
	}
}

func TestEnsureTightensOpenFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows uses ACLs, not permission bits; nothing to tighten")
	}
	dir := filepath.Join(tempDir(t), AppName)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o775); err != nil {
		t.Fatal(err)
	}
	if err := Ensure(dir); err != nil {
		t.Fatalf("Ensure: %v", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o700 {
		t.Errorf("mode = %v, want 0700", info.Mode().Perm())
	}
}

func TestEnsureRefusesFile(t *testing.T) {
	f := filepath.Join(tempDir(t), AppName)
	if err := os.WriteFile(f, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Ensure(f); !errors.Is(err, ErrNotDir) {
		t.Fatalf("Ensure on a file = %v, want ErrNotDir", err)
	}
}

// tempDir is t.TempDir without os.RemoveAll: Go 1.26's RemoveAll on Windows uses
// FileDispositionInformationEx, which Wine 8 (where make test-windows runs this
// package's Windows build) rejects. os.Remove works there, so clean up with it.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "paths-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := removeTree(dir); err != nil {
			t.Errorf("cleaning up %s: %v", dir, err)
		}
	})
	return dir
}

func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if err := removeTree(p); err != nil {
				return err
			}
			continue
		}
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return os.Remove(dir)
}

// Package version says which release of Dataskydd is running.
//
// The release is set when the binary is linked:
//
//	go build -ldflags "-X dataskydd/backend/version.Version=0.1.0" .
//
// (scripts/mk/windows.mk and scripts/macos-build.sh do this from the VERSION make
// variable). A binary built without it reports [Default], so a development build
// is never mistaken for a release. `dataskydd --version` prints [Get]().String();
// the About box shows the same [Info].
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Default is the version of a binary linked without -X ...Version=.
const Default = "0.1.0-dev"

// Version is the release, overwritten at link time with -ldflags -X. It is a
// variable only because -X can set nothing else; read it through [Get].
var Version = Default

// Info describes the running binary.
type Info struct {
	Version  string `json:"version"`  // release, e.g. "0.1.0" or "0.1.0-dev"
	Commit   string `json:"commit"`   // VCS revision the binary was built from (12 hex digits), or ""
	Modified bool   `json:"modified"` // the work tree had uncommitted changes
	Go       string `json:"go"`       // Go toolchain, e.g. "go1.26.0"
	Platform string `json:"platform"` // GOOS/GOARCH, e.g. "windows/amd64"
}

// Get returns the running binary's version information. The commit comes from
// the build information the Go toolchain embeds when building inside a git work
// tree (it is empty otherwise, for example with -buildvcs=false).
func Get() Info {
	info := Info{
		Version:  strings.TrimSpace(Version),
		Go:       runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH,
	}
	if info.Version == "" {
		info.Version = Default
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.Commit, info.Modified = vcs(bi.Settings)
	}
	return info
}

func vcs(settings []debug.BuildSetting) (commit string, modified bool) {
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
			if len(commit) > 12 {
				commit = commit[:12]
			}
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return commit, modified
}

// String is the one line `dataskydd --version` prints:
// "Dataskydd 0.1.0 (3f2a9c1d0b7e, go1.26.0, windows/amd64)".
func (i Info) String() string {
	var details []string
	if i.Commit != "" {
		c := i.Commit
		if i.Modified {
			c += "+modified"
		}
		details = append(details, c)
	}
	details = append(details, i.Go, i.Platform)
	return fmt.Sprintf("Dataskydd %s (%s)", i.Version, strings.Join(details, ", "))
}

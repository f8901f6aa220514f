package main

import "runtime/debug"

// Stamped by the release build (go run ./internal/release) with -ldflags
// -X: a release's version and commit, which a build without .git (a
// container build) cannot read from version control.
var (
	version string
	commit  string
)

// versionLine is what `idemlint version` says of idemlint itself: its
// version, and its commit when the build recorded one.
func versionLine() string {
	c := commit
	if c == "" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" {
					c = s.Value
				}
			}
		}
	}
	if len(c) > 12 {
		c = c[:12]
	}
	if c == "" {
		return moduleVersion()
	}
	return moduleVersion() + " (commit " + c + ")"
}

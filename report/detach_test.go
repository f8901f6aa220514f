package report

import (
	"bytes"
	"testing"
)

// TestDetachAndStream: every format writes the same bytes from detached
// files through a Stream as from the linted files in one call, so that
// streaming a run changes nothing a user reads.
func TestDetachAndStream(t *testing.T) {
	for name, files := range goldenCases(t) {
		for _, format := range Formats() {
			write, _ := Lookup(format)
			noEnv := func(string) string { return "" }
			opt := Options{Root: "/repo", Version: "test", Getenv: noEnv, Baselined: 2, Unreadable: 1}
			var want, got bytes.Buffer
			if err := write(&want, files, opt); err != nil {
				t.Fatal(err)
			}
			st, _ := NewStream(format, &got, Options{Root: "/repo", Version: "test", Getenv: noEnv})
			for _, f := range files {
				if err := st.Add(Detach(f)); err != nil {
					t.Fatal(err)
				}
			}
			if err := st.Close(2, 1); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s, %s: streamed detached files differ:\n%s\n--- want\n%s", name, format, got.Bytes(), want.Bytes())
			}
		}
	}
}

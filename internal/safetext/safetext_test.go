package safetext

import (
	"strings"
	"testing"
	"unicode"
)

func TestInline(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain/path.sql", "plain/path.sql"},
		{"naïve_日本.sql", "naïve_日本.sql"},
		{"a\nb", `a\nb`},
		{"a\r\n::error::x", `a\r\n::error::x`},
		{"esc\x1b[31mred", `esc\x1b[31mred`},
		{"tab\there", `tab\there`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085", `c1\u0085`},
		{"rlo\u202eevil", `rlo\u202eevil`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`},
		{"zw\u200bj\ufeff", `zw\u200bj\ufeff`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"a##[stop-commands]x.sql", `a##\[stop-commands]x.sql`},
		{"###[x", `###\[x`},
	}
	for _, c := range cases {
		if got := Inline(c.in); got != c.want {
			t.Errorf("Inline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestExcerptKeepsTabs(t *testing.T) {
	if got := Excerpt("\tSELECT\u202e 1\r"); got != "\tSELECT\\u202e 1\\r" {
		t.Errorf("Excerpt = %q", got)
	}
}

func TestPath(t *testing.T) {
	cases := []struct{ in, want string }{
		{"db/1.sql", "db/1.sql"},
		{"::stop-commands::pwn.sql", "./::stop-commands::pwn.sql"},
		{"  ::error::x.sql", "./  ::error::x.sql"},
		{"\n::add-mask::x", `\n::add-mask::x`},
		{"/abs/::x.sql", "/abs/::x.sql"},
		{"\u00a0::stop-commands::x.sql", "./\u00a0::stop-commands::x.sql"},
		{"\u3000\u2003::error::x.sql", "./\u3000\u2003::error::x.sql"},
	}
	for _, c := range cases {
		if got := Path(c.in); got != c.want {
			t.Errorf("Path(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzInline(f *testing.F) {
	f.Add("::stop-commands::x\n\x1b\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Inline(s), Excerpt(s), Path(s)} {
			for _, r := range out {
				if r != '\t' && Unsafe(r) {
					t.Fatalf("%q kept %U", out, r)
				}
			}
			if strings.Contains(out, "##[") {
				t.Fatalf("%q holds a legacy workflow command", out)
			}
		}
		if p := strings.TrimLeftFunc(Path(s), unicode.IsSpace); strings.HasPrefix(p, ":") {
			t.Fatalf("Path(%q) = %q starts a line badly", s, p)
		}
	})
}

func TestCommand(t *testing.T) {
	for line, want := range map[string]bool{
		"::error::x":            true,
		" \t\u00a0::add-mask::": true,
		"a ##[add-mask]b":       true,
		"idemlint: ::x":         false,
		"a:: b":                 false,
		"## [x":                 false,
	} {
		if got := Command(line); got != want {
			t.Errorf("Command(%q) = %v, want %v", line, got, want)
		}
	}
}

// Package safetext makes text that comes from a file or a file name safe to
// print where people and CI runners read it. A pull request controls both,
// so neither may start a workflow command (`::stop-commands::...`), break a
// line, move the cursor, or reorder what a reviewer sees.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Inline returns s with every character that could change how a terminal or
// a CI log shows or parses the line replaced by a visible escape: C0 and C1
// control characters (tab, CR and LF included), DEL, the bidirectional
// controls, zero-width characters, line and paragraph separators, and bytes
// that are not UTF-8. Other text comes back unchanged.
func Inline(s string) string { return clean(s, false) }

// Excerpt is Inline for a line of source shown under a finding: a tab is
// kept, since carets below the line line up with it.
func Excerpt(s string) string { return clean(s, true) }

// Path is Inline for a file name that may start a line of output. A name
// that would then begin with blanks or ':' (a GitHub runner trims leading
// blanks and obeys a line that starts with "::") gets "./" in front, which
// names the same file. Blanks are Unicode's: the runner's TrimStart (.NET
// char.IsWhiteSpace) also drops U+00A0, U+2000 and the like, as
// unicode.IsSpace does.
func Path(p string) string {
	p = Inline(p)
	if r, _ := utf8.DecodeRuneInString(p); p != "" && (r == ':' || unicode.IsSpace(r)) {
		return "./" + p
	}
	return p
}

// Unsafe reports whether r is a character Inline escapes (tab included).
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true // C0, DEL, C1
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidirectional marks, embeddings, overrides and isolates
	case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff, r == 0x180e:
		return true // zero-width characters
	case r == 0x2028, r == 0x2029:
		return true // line and paragraph separators
	}
	return false
}

func clean(s string, keepTab bool) string {
	if !needs(s, keepTab) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.HasPrefix(s[i:], LegacyCommand):
			// The runner also obeys the older "##[command]" form anywhere
			// in a line; a backslash keeps it from being one.
			b.WriteString(`##\[`)
			n = len(LegacyCommand)
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' && keepTab:
			b.WriteByte('\t')
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && Unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// LegacyCommand starts a workflow command in the runner's older syntax,
// which it obeys anywhere in a line.
const LegacyCommand = "##["

// Command reports whether a GitHub runner would take line as a workflow
// command: it trims leading blanks and obeys "::", and "##[" anywhere.
func Command(line string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") || strings.Contains(line, LegacyCommand)
}

func needs(s string, keepTab bool) bool {
	if strings.Contains(s, LegacyCommand) {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && (!keepTab || c != '\t')) || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n <= 1) || Unsafe(r) {
			return true
		}
		i += n
	}
	return false
}

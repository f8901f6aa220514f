package model

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Position is a 1-based line and column. Columns count characters
// (Unicode code points), so a caret lines up under the text an editor shows.
type Position struct {
	Line, Column int
}

// Lines converts byte offsets to positions. It is the one place in the
// project that does so; everything else carries byte offsets.
//
// A line ends at LF, CRLF or a lone CR: editors show a lone CR as a line
// break, so findings must count it as one to point at the line the reader
// sees. (Where a comment ends is the lexer's business and follows each
// server: PostgreSQL ends a -- comment at a lone CR, MySQL does not.)
type Lines struct {
	src    []byte
	starts []int // byte offset of the first byte of each line
}

// NewLines indexes src as editors show it.
func NewLines(src []byte) *Lines { return newLines(src, true) }

// NewGitLines indexes src as git counts lines, where only LF ends one: for
// unified diffs, which patch and git apply read that way, and for line
// numbers that come from git.
func NewGitLines(src []byte) *Lines { return newLines(src, false) }

func newLines(src []byte, cr bool) *Lines {
	starts := make([]int, 1, 1+len(src)/40)
	for i, c := range src {
		if c == '\n' || (cr && c == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Count is the number of lines.
func (l *Lines) Count() int { return len(l.starts) }

// Line returns the 1-based line of a byte offset.
func (l *Lines) Line(off int) int {
	off = l.clamp(off)
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off })
}

// Position converts a byte offset to a line and character column. A
// byte order mark at the start of the file is not a column: editors do
// not show it.
func (l *Lines) Position(off int) Position {
	off = l.clamp(off)
	line := l.Line(off)
	start := l.starts[line-1]
	if line == 1 && bytes.HasPrefix(l.src, bom) && off >= len(bom) {
		start = len(bom)
	}
	return Position{Line: line, Column: 1 + utf8.RuneCount(l.src[start:off])}
}

var bom = []byte("\xEF\xBB\xBF")

// LineStart returns the byte offset where 1-based line n starts.
func (l *Lines) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return len(l.src)
	}
	return l.starts[n-1]
}

// LineText returns line n without its line terminator.
func (l *Lines) LineText(n int) string {
	if n < 1 || n > len(l.starts) {
		return ""
	}
	start := l.starts[n-1]
	if n == 1 && bytes.HasPrefix(l.src, bom) {
		start = len(bom)
	}
	return string(l.src[start:l.lineEnd(n)])
}

// lineEnd is the offset where line n's terminator starts (or the end of
// the source).
func (l *Lines) lineEnd(n int) int {
	if n >= len(l.starts) {
		return len(l.src)
	}
	end := l.starts[n] - 1 // the LF, or a lone CR
	if l.src[end] == '\n' && end > l.starts[n-1] && l.src[end-1] == '\r' {
		end--
	}
	return end
}

// Offset converts a 1-based line and character column back to a byte
// offset; out-of-range values are clamped to the line.
func (l *Lines) Offset(p Position) int {
	n := max(1, min(p.Line, len(l.starts)))
	if p.Line > len(l.starts) {
		return len(l.src)
	}
	off := l.starts[n-1]
	if n == 1 && bytes.HasPrefix(l.src, bom) {
		off = len(bom)
	}
	end := l.lineEnd(n)
	for col := 1; col < p.Column && off < end; col++ {
		_, w := utf8.DecodeRune(l.src[off:end])
		off += w
	}
	return off
}

// PositionUTF16 converts a byte offset to a line and a column counted in
// UTF-16 code units, both 1-based: the Language Server Protocol counts
// columns that way (a character beyond U+FFFF takes two). Unlike Position,
// a byte order mark counts as a column: a language client sent the text
// it holds and counts every character of it.
func (l *Lines) PositionUTF16(off int) Position {
	off = l.clamp(off)
	line := l.Line(off)
	col := 1
	for b := l.src[l.starts[line-1]:off]; len(b) > 0; {
		r, w := utf8.DecodeRune(b)
		col += utf16Len(r)
		b = b[w:]
	}
	return Position{Line: line, Column: col}
}

// OffsetUTF16 converts a 1-based line and UTF-16 column back to a byte
// offset. A column past the end of the line means the end of the line, as
// the protocol says; one inside a surrogate pair means the character's
// start.
func (l *Lines) OffsetUTF16(p Position) int {
	if p.Line > len(l.starts) {
		return len(l.src)
	}
	n := max(1, p.Line)
	off, end := l.starts[n-1], l.lineEnd(n)
	for col := 1; off < end; {
		r, w := utf8.DecodeRune(l.src[off:end])
		if col+utf16Len(r) > p.Column {
			break
		}
		col += utf16Len(r)
		off += w
	}
	return off
}

// utf16Len is the number of UTF-16 code units of r; a byte that is not
// UTF-8 reads as U+FFFD, one unit.
func utf16Len(r rune) int {
	if r > 0xFFFF {
		return 2
	}
	return 1
}

func (l *Lines) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(l.src) {
		return len(l.src)
	}
	return off
}

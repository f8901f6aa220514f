package model

import "testing"

func TestPosition(t *testing.T) {
	src := []byte("\xEF\xBB\xBFab\nçd\r\n\tx")
	l := NewLines(src)
	cases := []struct {
		off  int
		want Position
	}{
		{3, Position{1, 1}},  // after the byte order mark
		{4, Position{1, 2}},  // b
		{6, Position{2, 1}},  // ç
		{8, Position{2, 2}},  // d, after a two-byte character
		{12, Position{3, 2}}, // x after a tab
		{100, Position{3, 3}},
	}
	for _, c := range cases {
		if got := l.Position(c.off); got != c.want {
			t.Errorf("Position(%d) = %v, want %v", c.off, got, c.want)
		}
		if c.off <= len(src) {
			if back := l.Offset(c.want); back != c.off {
				t.Errorf("Offset(%v) = %d, want %d", c.want, back, c.off)
			}
		}
	}
	if got := l.LineText(2); got != "çd" {
		t.Errorf("LineText(2) = %q", got)
	}
}

// TestLineEndings: LF, CRLF and a lone CR each end one line, as editors
// show them; a finding after a lone CR points at the line the reader sees.
func TestLineEndings(t *testing.T) {
	src := []byte("a\rb\r\nc\n\rd\r")
	l := NewLines(src)
	if l.Count() != 6 {
		t.Fatalf("%d lines, want 6", l.Count())
	}
	for n, want := range []string{"a", "b", "c", "", "d", ""} {
		if got := l.LineText(n + 1); got != want {
			t.Errorf("LineText(%d) = %q, want %q", n+1, got, want)
		}
	}
	cases := []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1}}, {2, Position{2, 1}}, {5, Position{3, 1}}, {7, Position{4, 1}}, {8, Position{5, 1}}, {10, Position{6, 1}},
	}
	for _, c := range cases {
		if got := l.Position(c.off); got != c.want {
			t.Errorf("Position(%d) = %v, want %v", c.off, got, c.want)
		}
		if back := l.Offset(c.want); back != c.off {
			t.Errorf("Offset(%v) = %d, want %d", c.want, back, c.off)
		}
	}
	// A column past the end of a line stays on it, before its terminator.
	if got := l.Offset(Position{2, 9}); got != 3 {
		t.Errorf("Offset(2:9) = %d, want 3", got)
	}
	if got := l.Offset(Position{1, 9}); got != 1 {
		t.Errorf("Offset(1:9) = %d, want 1", got)
	}
}

func TestGitLines(t *testing.T) {
	src := []byte("a\rb\r\nc")
	l := NewGitLines(src)
	if l.Count() != 2 || l.LineText(1) != "a\rb" || l.LineText(2) != "c" || l.Line(2) != 1 || l.Line(5) != 2 {
		t.Errorf("git lines: %d, %q, %q, %d, %d", l.Count(), l.LineText(1), l.LineText(2), l.Line(2), l.Line(5))
	}
}

// TestPositionUTF16: columns in UTF-16 code units, as language clients
// count them: a two-byte character is one unit, a four-byte (astral) one
// two, a byte order mark one; a column inside a pair or past the line's
// end comes back to a character boundary.
func TestPositionUTF16(t *testing.T) {
	src := []byte("\xEF\xBB\xBFa\r\nçd\n𝄞x€y\rz")
	l := NewLines(src)
	cases := []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1}},  // the byte order mark
		{3, Position{1, 2}},  // a
		{4, Position{1, 3}},  // end of line 1, before CRLF
		{6, Position{2, 1}},  // ç
		{8, Position{2, 2}},  // d
		{10, Position{3, 1}}, // 𝄞
		{14, Position{3, 3}}, // x, after a surrogate pair
		{15, Position{3, 4}}, // €, three bytes, one unit
		{18, Position{3, 5}}, // y
		{20, Position{4, 1}}, // z, after a lone CR
		{21, Position{4, 2}},
	}
	for _, c := range cases {
		if got := l.PositionUTF16(c.off); got != c.want {
			t.Errorf("PositionUTF16(%d) = %v, want %v", c.off, got, c.want)
		}
		if back := l.OffsetUTF16(c.want); back != c.off {
			t.Errorf("OffsetUTF16(%v) = %d, want %d", c.want, back, c.off)
		}
	}
	for _, c := range []struct {
		p    Position
		want int
	}{
		{Position{3, 2}, 10}, // inside the pair: its start
		{Position{1, 99}, 4}, // past the end: the line's end
		{Position{9, 1}, 21}, // past the last line: the end
		{Position{0, 1}, 0},  // before the first line: the start
		{Position{2, 0}, 6},  // column 0: the line's start
	} {
		if got := l.OffsetUTF16(c.p); got != c.want {
			t.Errorf("OffsetUTF16(%v) = %d, want %d", c.p, got, c.want)
		}
	}
}

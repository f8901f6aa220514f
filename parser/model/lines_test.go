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

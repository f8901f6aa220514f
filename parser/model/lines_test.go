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

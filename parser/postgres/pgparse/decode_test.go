package pgparse

import (
	"math"
	"strconv"
	"testing"
)

// TestDecodeScalars holds the decoder's own readers of numbers and
// strings to what strconv and encoding/json make of the same text, at the
// edges of their fast paths.
func TestDecodeScalars(t *testing.T) {
	ints := []string{"0", "7", "-1", "-0", "007", "123456789012345678", "1234567890123456789",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"2147483647", "2147483648", "-2147483648", "-2147483649", "1e3", "12.5", "-", "", "+1", "1-", "x"}
	for _, lim := range [][2]int64{{math.MinInt64, math.MaxInt64}, {math.MinInt32, math.MaxInt32}} {
		for _, in := range ints {
			for _, after := range []string{"", ",", "}"} {
				d := &decoder{s: in + after}
				got := d.int(lim[0], lim[1])
				want, err := strconv.ParseInt(in, 10, 64)
				wantErr := err != nil || want < lim[0] || want > lim[1]
				if wantErr {
					want = 0
				}
				if got != want || d.err != wantErr || !d.err && d.i != len(in) {
					t.Errorf("int(%q) in [%d, %d] = %d, err %v, at %d; want %d, err %v, at %d", in+after, lim[0], lim[1], got, d.err, d.i, want, wantErr, len(in))
				}
			}
		}
	}
	strs := []struct{ in, want string }{
		{`""`, ""}, {`"a"`, "a"}, {`"ab c"`, "ab c"}, {`"é"`, "é"}, {`"a\"b"`, `a"b`},
		{`"a\\b"`, `a\b`}, {`"\u00e9x"`, "éx"}, {`"tab\tx"`, "tab\tx"},
	}
	for _, c := range strs {
		d := &decoder{s: c.in + ","}
		if got := d.str(); got != c.want || d.err || d.i != len(c.in) {
			t.Errorf("str(%q) = %q, err %v, at %d; want %q at %d", c.in, got, d.err, d.i, c.want, len(c.in))
		}
	}
	for _, in := range []string{`"abc`, `"a` + "\xff" + `"`, `"é`} {
		d := &decoder{s: in}
		if got := d.str(); got != "" || !d.err {
			t.Errorf("str(%q) = %q, err %v; want a failure", in, got, d.err)
		}
	}
}

package lex

import (
	"slices"
	"testing"
)

// FuzzTokenize: in every mode, tokens are non-empty, in order, inside the
// input, and what lies between them is whitespace; an unterminated token
// runs to the end of the input.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"SELECT 1;\rSELECT 2;\r",
		"-- c\rALTER TABLE t ADD COLUMN c int;\r",
		"# c\rALTER TABLE t ADD COLUMN c int;\r\n",
		"/* /* */ */ SELECT 1; /* /* */",
		"/*!40101 SET NAMES utf8mb4 */;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1 */;;",
		"CREATE TABLE t (a int) /*!50100 PARTITION BY HASH(a) */; /*M!100500 SELECT 1 */ /*!100000 x */",
		"/*!50000 a /*!99999 b /* c */ d */ e */ */",
		"/* unterminated", "/*!50000 unterminated", "'unterminated", "$tag$ unterminated", "E'\\", "@'x",
	} {
		f.Add(s)
	}
	modes := []Mode{Postgres, MySQL, Server(false, 80099), Server(true, 100699), Server(false, 90100)}
	f.Fuzz(func(t *testing.T, src string) {
		b := []byte(src)
		for _, m := range modes {
			prev := 0
			for _, tk := range Tokenize(b, m) {
				if tk.Start < prev || tk.End <= tk.Start || tk.End > len(b) {
					t.Fatalf("mode %d: token %+v after %d in %d bytes", m, tk, prev, len(b))
				}
				for i := prev; i < tk.Start; i++ {
					if !isSpace(b[i]) {
						t.Fatalf("mode %d: byte %q at %d is in no token", m, b[i], i)
					}
				}
				if tk.Unterminated && tk.End != len(b) {
					t.Fatalf("mode %d: unterminated token %+v ends before the input (%d)", m, tk, len(b))
				}
				prev = tk.End
			}
			for i := prev; i < len(b); i++ {
				if !isSpace(b[i]) {
					t.Fatalf("mode %d: trailing byte %q at %d is in no token", m, b[i], i)
				}
			}
			if got, want := SignificantTokens(b, m), Significant(Tokenize(b, m)); !slices.Equal(got, want) {
				t.Fatalf("mode %d: SignificantTokens %v, Significant(Tokenize) %v", m, got, want)
			}
		}
	})
}

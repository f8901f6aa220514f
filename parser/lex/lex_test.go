package lex

import (
	"fmt"
	"strings"
	"testing"
)

var (
	mysql80    = Server(false, 80099)
	mariadb106 = Server(true, 100699)
)

var kindNames = [...]string{"EOF", "Word", "QuotedIdent", "String", "DollarString", "Number", "Param", "Variable",
	"Comment", "Semicolon", "Comma", "LParen", "RParen", "Dot", "Op"}

// show renders tokens as kind:text, with ! for an unterminated one and
// ^ for an executable comment marker.
func show(src string, mode Mode) string {
	var out []string
	for _, t := range Tokenize([]byte(src), mode) {
		s := fmt.Sprintf("%s:%q", kindNames[t.Kind], src[t.Start:t.End])
		if t.Unterminated {
			s += "!"
		}
		if t.Exec {
			s += "^"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestLineEndsInComments(t *testing.T) {
	tests := []struct {
		src  string
		mode Mode
		want string
	}{
		// PostgreSQL's lexer ends a -- comment at CR or LF.
		{"-- c\rALTER", Postgres, `Comment:"-- c" Word:"ALTER"`},
		{"-- c\r\nALTER", Postgres, `Comment:"-- c" Word:"ALTER"`},
		// MySQL's and MariaDB's only at LF.
		{"-- c\rALTER\nX", mysql80, `Comment:"-- c\rALTER" Word:"X"`},
		{"# c\rALTER\nX", mariadb106, `Comment:"# c\rALTER" Word:"X"`},
		{"--\rALTER\nX", MySQL, `Comment:"--\rALTER" Word:"X"`},
		{"-- c\r\nX", MySQL, `Comment:"-- c\r" Word:"X"`},
	}
	for _, tt := range tests {
		if got := show(tt.src, tt.mode); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestBlockComments(t *testing.T) {
	tests := []struct {
		src  string
		mode Mode
		want string
	}{
		{"/* /* */ */ x", Postgres, `Comment:"/* /* */ */" Word:"x"`},
		{"/* /* */ x", Postgres, `Comment:"/* /* */ x"!`},
		{"/* /* */ */ x", MySQL, `Comment:"/* /* */" Op:"*" Op:"/" Word:"x"`},
		{"/* x", MySQL, `Comment:"/* x"!`},
		{"/*/", Postgres, `Comment:"/*/"!`},
		{"/**/x", MySQL, `Comment:"/**/" Word:"x"`},
		{"'abc", Postgres, `String:"'abc"!`},
		{"'a\\", MySQL, `String:"'a\\"!`},
		{`"abc`, Postgres, `QuotedIdent:"\"abc"!`},
		{"`abc", MySQL, "QuotedIdent:\"`abc\"!"},
		{"$a$ x $b$", Postgres, `DollarString:"$a$ x $b$"!`},
		{"E'x", Postgres, `String:"E'x"!`},
		{"@'x", MySQL, `Variable:"@'x"!`},
		{"'a' $$b$$", Postgres, `String:"'a'" DollarString:"$$b$$"`},
	}
	for _, tt := range tests {
		if got := show(tt.src, tt.mode); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestExecutableComments(t *testing.T) {
	tests := []struct {
		src  string
		mode Mode
		want string
	}{
		// Without a server, every one is a comment.
		{"/*!40101 SET x */", MySQL, `Comment:"/*!40101 SET x */"`},
		{"/*!40101 SET x */", mysql80, `Comment:"/*!40101"^ Word:"SET" Word:"x" Comment:"*/"^`},
		{"/*!SET*/", mysql80, `Comment:"/*!"^ Word:"SET" Comment:"*/"^`},
		{"/*!1234 x*/", mysql80, `Comment:"/*!"^ Number:"1234" Word:"x" Comment:"*/"^`},
		{"/*!80099 x*/", mysql80, `Comment:"/*!80099"^ Word:"x" Comment:"*/"^`},
		{"/*!80100 x*/", mysql80, `Comment:"/*!80100 x*/"`},
		// MySQL 8.0 reads five digits; a sixth is text.
		{"/*!100000 x*/", mysql80, `Comment:"/*!10000"^ Number:"0" Word:"x" Comment:"*/"^`},
		{"/*!100000 x*/", mariadb106, `Comment:"/*!100000"^ Word:"x" Comment:"*/"^`},
		{"/*!100700 x*/", mariadb106, `Comment:"/*!100700 x*/"`},
		{"/*!50700 x*/", mariadb106, `Comment:"/*!50700 x*/"`},
		{"/*!50699 x*/", mariadb106, `Comment:"/*!50699"^ Word:"x" Comment:"*/"^`},
		{"/*M!50700 x*/", mariadb106, `Comment:"/*M!50700"^ Word:"x" Comment:"*/"^`},
		{"/*M! x*/", mariadb106, `Comment:"/*M!"^ Word:"x" Comment:"*/"^`},
		{"/*M! x*/", mysql80, `Comment:"/*M! x*/"`},
		// Inside, SQL lexes as SQL: quotes and line comments hide */.
		{"/*!50000 '*/' */ y", mysql80, `Comment:"/*!50000"^ String:"'*/'" Comment:"*/"^ Word:"y"`},
		{"/*!50000 a -- */\n*/", mysql80, `Comment:"/*!50000"^ Word:"a" Comment:"-- */" Comment:"*/"^`},
		{"/*!50000 a /* b */ c */", mysql80, `Comment:"/*!50000"^ Word:"a" Comment:"/* b */" Word:"c" Comment:"*/"^`},
		// One */ ends nested running comments; another is two operators.
		{"/*!50000 a /*!50000 b */ */", mysql80, `Comment:"/*!50000"^ Word:"a" Comment:"/*!50000"^ Word:"b" Comment:"*/"^ Op:"*" Op:"/"`},
		// A comment that does not run holds one inner comment.
		{"/*!99999 a /* b */ c */ d", mysql80, `Comment:"/*!99999 a /* b */ c */" Word:"d"`},
		{"/*!99999 a", mysql80, `Comment:"/*!99999 a"!`},
		{"a */ b", mysql80, `Word:"a" Op:"*" Op:"/" Word:"b"`},
	}
	for _, tt := range tests {
		if got := show(tt.src, tt.mode); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestSignificantKeepsUnterminatedComments(t *testing.T) {
	src := []byte("a /* b */ c /* d")
	var got []string
	for _, tk := range Significant(Tokenize(src, Postgres)) {
		got = append(got, tk.Text(src))
	}
	if strings.Join(got, "|") != "a|c|/* d" {
		t.Errorf("significant tokens %q", got)
	}
}

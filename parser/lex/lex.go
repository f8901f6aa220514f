// Package lex is a small, forgiving SQL tokenizer for PostgreSQL and MySQL.
//
// The real parsers decide what is valid; this lexer only has to find
// statement boundaries, clause positions and comments exactly as the
// servers' own lexers do, and must never fail: unterminated strings and
// comments run to the end of input and are marked Unterminated.
package lex

import "bytes"

// Mode selects the quoting and comment rules of a dialect. A MySQL-family
// mode may also name the server, which decides which executable comments
// (/*! ... */, /*!50100 ... */, MariaDB's /*M! ... */) run as SQL.
type Mode uint32

const (
	Postgres Mode = 0
	// MySQL reads MySQL and MariaDB text without knowing the server:
	// executable comments stay comments. Server gives a mode that runs
	// them.
	MySQL Mode = 1

	mariaDB Mode = 2

	versionBits = 8
)

// Server is the mode of a MySQL-family server: version is its
// MYSQL_VERSION_ID (80044 for MySQL 8.0.44, 100611 for MariaDB 10.6.11).
// Executable comments whose version is not above it run as SQL, the way
// that server's lexer reads them.
func Server(mariadb bool, version int) Mode {
	m := MySQL | Mode(max(0, min(version, 999999)))<<versionBits
	if mariadb {
		m |= mariaDB
	}
	return m
}

// MySQLFamily reports whether m reads MySQL or MariaDB text.
func (m Mode) MySQLFamily() bool { return m&MySQL != 0 }

// version is the server version of a Server mode, 0 for none.
func (m Mode) version() int { return int(m >> versionBits) }

// Kind is a token class.
type Kind uint8

const (
	EOF          Kind = iota
	Word              // unquoted identifier or keyword
	QuotedIdent       // "x" (PostgreSQL) or `x` (MySQL)
	String            // '...', E'...', N'...', X'...', MySQL "..."
	DollarString      // $tag$ ... $tag$
	Number            // 12, 1.5e3, 0x1F
	Param             // $1, ?
	Variable          // MySQL @x, @@x
	Comment           // -- ..., # ..., /* ... */
	Semicolon         // ;
	Comma             // ,
	LParen            // (
	RParen            // )
	Dot               // .
	Op                // any other punctuation, one character (two for ::)
)

// Token is a lexeme at [Start, End) of the source.
type Token struct {
	Kind Kind
	// Unterminated: the input ended inside this quoted lexeme or comment.
	// Both servers reject it, and the parsers must be shown it.
	Unterminated bool
	// Exec marks the comment tokens that open (/*!50100, /*M!) and close
	// (*/) an executable comment that runs: the text between them is SQL.
	Exec       bool
	Start, End int
}

// Lexer produces tokens one at a time; SetPos lets a caller that splits on
// custom delimiters resume elsewhere.
type Lexer struct {
	src  []byte
	pos  int
	mode Mode
	// open is set while the token being read runs to the end of input.
	open bool
	// exec is set inside an executable comment that runs, until its */.
	exec bool
}

// New returns a lexer over src.
func New(src []byte, mode Mode) *Lexer { return &Lexer{src: src, mode: mode} }

// Pos is the offset of the next byte to read.
func (l *Lexer) Pos() int { return l.pos }

// SetPos moves the lexer to an offset, outside any executable comment.
func (l *Lexer) SetPos(p int) { l.pos, l.exec = p, false }

// Tokenize returns every token of src, comments included, without EOF.
func Tokenize(src []byte, mode Mode) []Token { return tokens(src, mode, true) }

// tokens lists the tokens of src, comments only when asked, but always a
// comment the input ends inside (see Significant).
func tokens(src []byte, mode Mode, comments bool) []Token {
	l := New(src, mode)
	toks := make([]Token, 0, len(src)/5+1)
	for t := l.Next(); t.Kind != EOF; t = l.Next() {
		if comments || t.Kind != Comment || t.Unterminated {
			toks = append(toks, t)
		}
	}
	return toks
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c == '$' || (c >= '0' && c <= '9')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Next returns the next token, skipping whitespace.
func (l *Lexer) Next() Token {
	src := l.src
	for l.pos < len(src) && isSpace(src[l.pos]) {
		l.pos++
	}
	start := l.pos
	if start >= len(src) {
		return Token{Kind: EOF, Start: start, End: start}
	}
	c := src[start]
	my := l.mode.MySQLFamily()
	kind := Op
	exec := false
	l.open = false
	switch {
	case c == '-' && l.peek(1) == '-' && (!my || l.dashCommentMySQL()):
		l.skipLine()
		kind = Comment
	case c == '#' && my:
		l.skipLine()
		kind = Comment
	case c == '/' && l.peek(1) == '*':
		exec = l.blockComment()
		kind = Comment
	case c == '*' && l.peek(1) == '/' && l.exec:
		// The end of a running executable comment.
		l.pos += 2
		l.exec = false
		kind, exec = Comment, true
	case c == '\'':
		l.skipQuoted('\'', my)
		kind = String
	case c == '"':
		if my {
			l.skipQuoted('"', true)
			kind = String
		} else {
			l.skipQuoted('"', false)
			kind = QuotedIdent
		}
	case c == '`' && my:
		l.skipQuoted('`', false)
		kind = QuotedIdent
	case c == '$' && !my:
		kind = l.dollar()
	case c == '@' && my:
		l.variable()
		kind = Variable
	case c == '?':
		l.pos++
		kind = Param
	case isDigit(c) || (c == '.' && isDigit(l.peek(1))):
		kind = l.number()
	case isIdentStart(c):
		kind = l.word()
	case c == ';':
		l.pos++
		kind = Semicolon
	case c == ',':
		l.pos++
		kind = Comma
	case c == '(':
		l.pos++
		kind = LParen
	case c == ')':
		l.pos++
		kind = RParen
	case c == '.':
		l.pos++
		kind = Dot
	case c == ':' && l.peek(1) == ':':
		l.pos += 2
	default:
		l.pos++
	}
	return Token{Kind: kind, Unterminated: l.open, Exec: exec, Start: start, End: l.pos}
}

func (l *Lexer) peek(n int) byte {
	if l.pos+n < len(l.src) {
		return l.src[l.pos+n]
	}
	return 0
}

// MySQL starts a -- comment only when a space or control character (or
// the end of input) follows the dashes. Dashes that open a line are a
// comment too: framework directives are written that way (Liquibase's
// --changeset, --precondition-...), and the tools strip them before the
// server sees the SQL.
func (l *Lexer) dashCommentMySQL() bool {
	c := l.peek(2)
	if c == 0 || c <= ' ' {
		return true
	}
	for i := l.pos - 1; i >= 0; i-- {
		switch l.src[i] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			return true
		}
		return false
	}
	return true
}

// skipLine reads a -- or # comment to the end of its line. PostgreSQL's
// lexer ends it at a carriage return too (scan.l: non_newline is
// [^\n\r]), so "-- c\rALTER ..." runs the ALTER; MySQL's and MariaDB's
// end it only at a line feed (sql_lex.cc), which the servers here confirm.
func (l *Lexer) skipLine() {
	rest := l.src[l.pos:]
	i := bytes.IndexByte(rest, '\n')
	if !l.mode.MySQLFamily() {
		// A carriage return counts only before the line feed: searching
		// past it would read the rest of the file once per comment.
		line := rest
		if i >= 0 {
			line = rest[:i]
		}
		if j := bytes.IndexByte(line, '\r'); j >= 0 {
			i = j
		}
	}
	if i >= 0 {
		l.pos += i
		return
	}
	l.pos = len(l.src)
}

// blockComment reads a comment that starts with /*, and reports whether
// it is the opening marker of an executable comment that runs.
func (l *Lexer) blockComment() bool {
	if l.mode.MySQLFamily() && l.mode.version() > 0 {
		if n, runs, ok := l.execMarker(); ok {
			if runs {
				l.pos += n
				l.exec = true
				return true
			}
			// A version comment that does not run may hold one comment
			// of its own.
			l.skipBlockComment(1)
			return false
		}
	}
	if l.mode.MySQLFamily() {
		l.skipBlockComment(0)
	} else {
		l.skipBlockComment(-1)
	}
	return false
}

// execMarker reads the opening of an executable comment at l.pos as the
// server of a Server mode does (sql_lex.cc, MY_LEX_LONG_COMMENT): /*! and,
// on MariaDB, /*M!, then an optional version of five digits (six on
// MariaDB and MySQL 8.1 or later; a sixth digit is text on MySQL 8.0).
// Without a version the comment runs. With one, it runs when the version
// is not above the server's; MariaDB also skips /*!50700 to /*!99999,
// MySQL 5.7 features it lacks, but not in /*M!. n is the marker's length.
func (l *Lexer) execMarker() (n int, runs, ok bool) {
	mariadb := l.mode&mariaDB != 0
	n = 3
	switch {
	case l.peek(2) == '!':
	case mariadb && l.peek(2) == 'M' && l.peek(3) == '!':
		n = 4
	default:
		return 0, false, false
	}
	digits := 0
	for digits < 5 && isDigit(l.peek(n+digits)) {
		digits++
	}
	if digits < 5 {
		return n, true, true
	}
	if isDigit(l.peek(n+5)) && (mariadb || l.mode.version() >= 80100) {
		digits = 6
	}
	v := 0
	for i := 0; i < digits; i++ {
		v = v*10 + int(l.peek(n+i)-'0')
	}
	runs = v <= l.mode.version()
	if mariadb && n == 3 && v >= 50700 && v <= 99999 {
		runs = false
	}
	return n + digits, runs, true
}

// skipBlockComment reads a /* comment. PostgreSQL's nest (nested < 0: to
// any depth); MySQL's do not (nested 0), except that a version comment
// that does not run may hold one inner comment (nested 1). A comment the
// input ends inside is marked open.
func (l *Lexer) skipBlockComment(nested int) {
	src := l.src
	l.pos += 2
	depth := 1
	for l.pos < len(src) {
		switch {
		case src[l.pos] == '/' && l.peek(1) == '*' && (nested < 0 || depth <= nested):
			depth++
			l.pos += 2
		case src[l.pos] == '*' && l.peek(1) == '/':
			depth--
			l.pos += 2
			if depth == 0 {
				return
			}
		default:
			l.pos++
		}
	}
	l.open = true
}

// skipQuoted reads a quoted lexeme; a doubled quote is an escaped quote,
// and with backslash a backslash escapes the next byte.
func (l *Lexer) skipQuoted(q byte, backslash bool) {
	src := l.src
	l.pos++
	for l.pos < len(src) {
		c := src[l.pos]
		switch {
		case backslash && c == '\\':
			l.pos += 2
		case c == q:
			if l.peek(1) == q {
				l.pos += 2
				continue
			}
			l.pos++
			return
		default:
			l.pos++
		}
	}
	if l.pos > len(src) {
		l.pos = len(src)
	}
	l.open = true
}

// dollar reads $1 parameters and $tag$ ... $tag$ strings.
func (l *Lexer) dollar() Kind {
	src := l.src
	start := l.pos
	if isDigit(l.peek(1)) {
		l.pos++
		for l.pos < len(src) && isDigit(src[l.pos]) {
			l.pos++
		}
		return Param
	}
	end := start + 1
	for end < len(src) && src[end] != '$' && isIdentChar(src[end]) {
		end++
	}
	if end >= len(src) || src[end] != '$' || (end > start+1 && isDigit(src[start+1])) {
		l.pos++
		return Op
	}
	tag := src[start : end+1]
	if i := bytes.Index(src[end+1:], tag); i >= 0 {
		l.pos = end + 1 + i + len(tag)
	} else {
		l.pos = len(src)
		l.open = true
	}
	return DollarString
}

func (l *Lexer) variable() {
	src := l.src
	l.pos++
	if l.pos < len(src) && src[l.pos] == '@' {
		l.pos++
	}
	if l.pos < len(src) {
		switch src[l.pos] {
		case '\'', '"':
			l.skipQuoted(src[l.pos], true)
			return
		case '`':
			l.skipQuoted('`', false)
			return
		}
	}
	for l.pos < len(src) && (isIdentChar(src[l.pos]) || src[l.pos] == '.') {
		l.pos++
	}
}

func (l *Lexer) number() Kind {
	src := l.src
	start := l.pos
	if src[l.pos] == '0' && (l.peek(1)|0x20 == 'x' || l.peek(1)|0x20 == 'b' || l.peek(1)|0x20 == 'o') {
		l.pos += 2
	}
	for l.pos < len(src) {
		c := src[l.pos]
		if isDigit(c) || c == '.' || c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'f' && l.pos > start+1 && src[start+1]|0x20 == 'x') {
			l.pos++
			continue
		}
		if c|0x20 == 'e' && (isDigit(l.peek(1)) || ((l.peek(1) == '+' || l.peek(1) == '-') && isDigit(l.peek(2)))) {
			l.pos += 2
			continue
		}
		break
	}
	// MySQL identifiers may start with digits (1st_table).
	if l.mode.MySQLFamily() && l.pos < len(src) && isIdentStart(src[l.pos]) {
		for l.pos < len(src) && isIdentChar(src[l.pos]) {
			l.pos++
		}
		return Word
	}
	return Number
}

// word reads an identifier or keyword, and the string prefixes E”, B”,
// X”, N”, U&” that glue onto a quote.
func (l *Lexer) word() Kind {
	src := l.src
	start := l.pos
	for l.pos < len(src) && isIdentChar(src[l.pos]) {
		l.pos++
	}
	n := l.pos - start
	if l.pos < len(src) {
		next := src[l.pos]
		if n == 1 && next == '\'' {
			switch src[start] | 0x20 {
			case 'e':
				l.skipQuoted('\'', true)
				return String
			case 'b', 'x', 'n':
				l.skipQuoted('\'', l.mode.MySQLFamily())
				return String
			}
		}
		if n == 1 && src[start]|0x20 == 'u' && next == '&' && !l.mode.MySQLFamily() {
			switch l.peek(1) {
			case '\'':
				l.pos++
				l.skipQuoted('\'', false)
				return String
			case '"':
				l.pos++
				l.skipQuoted('"', false)
				return QuotedIdent
			}
		}
	}
	return Word
}

// Package lex is a small, forgiving SQL tokenizer for PostgreSQL and MySQL.
//
// The real parsers decide what is valid; this lexer only has to find
// statement boundaries, clause positions and comments exactly, and must
// never fail: unterminated strings and comments run to the end of input.
package lex

import "bytes"

// Mode selects the quoting and comment rules of a dialect.
type Mode uint8

const (
	Postgres Mode = iota
	MySQL
)

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
	Kind       Kind
	Start, End int
}

// Lexer produces tokens one at a time; SetPos lets a caller that splits on
// custom delimiters resume elsewhere.
type Lexer struct {
	src  []byte
	pos  int
	mode Mode
}

// New returns a lexer over src.
func New(src []byte, mode Mode) *Lexer { return &Lexer{src: src, mode: mode} }

// Pos is the offset of the next byte to read.
func (l *Lexer) Pos() int { return l.pos }

// SetPos moves the lexer to an offset.
func (l *Lexer) SetPos(p int) { l.pos = p }

// Tokenize returns every token of src, comments included, without EOF.
func Tokenize(src []byte, mode Mode) []Token {
	l := New(src, mode)
	toks := make([]Token, 0, len(src)/5+1)
	for {
		t := l.Next()
		if t.Kind == EOF {
			return toks
		}
		toks = append(toks, t)
	}
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
	kind := Op
	switch {
	case c == '-' && l.peek(1) == '-' && (l.mode == Postgres || l.dashCommentMySQL()):
		l.skipLine()
		kind = Comment
	case c == '#' && l.mode == MySQL:
		l.skipLine()
		kind = Comment
	case c == '/' && l.peek(1) == '*':
		l.skipBlockComment()
		kind = Comment
	case c == '\'':
		l.skipQuoted('\'', l.mode == MySQL)
		kind = String
	case c == '"':
		if l.mode == MySQL {
			l.skipQuoted('"', true)
			kind = String
		} else {
			l.skipQuoted('"', false)
			kind = QuotedIdent
		}
	case c == '`' && l.mode == MySQL:
		l.skipQuoted('`', false)
		kind = QuotedIdent
	case c == '$' && l.mode == Postgres:
		kind = l.dollar()
	case c == '@' && l.mode == MySQL:
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
	return Token{Kind: kind, Start: start, End: l.pos}
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

func (l *Lexer) skipLine() {
	if i := bytes.IndexByte(l.src[l.pos:], '\n'); i >= 0 {
		l.pos += i
		return
	}
	l.pos = len(l.src)
}

// PostgreSQL block comments nest; MySQL's do not.
func (l *Lexer) skipBlockComment() {
	src := l.src
	depth := 0
	for l.pos < len(src) {
		switch {
		case src[l.pos] == '/' && l.peek(1) == '*':
			if depth == 0 || l.mode == Postgres {
				depth++
			}
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
	if l.mode == MySQL && l.pos < len(src) && isIdentStart(src[l.pos]) {
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
				l.skipQuoted('\'', l.mode == MySQL)
				return String
			}
		}
		if n == 1 && src[start]|0x20 == 'u' && next == '&' && l.mode == Postgres {
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

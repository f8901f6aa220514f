package lex

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Text returns the token's source text.
func (t Token) Text(src []byte) string { return string(src[t.Start:t.End]) }

// Is reports whether t is the unquoted word w (case-insensitive).
func Is(src []byte, t Token, w string) bool {
	return t.Kind == Word && t.End-t.Start == len(w) && strings.EqualFold(string(src[t.Start:t.End]), w)
}

// Significant drops comments, but keeps one the input ends inside: the
// servers reject it ("unterminated /* comment"), so the parsers must see it.
func Significant(toks []Token) []Token {
	out := make([]Token, 0, len(toks))
	for _, t := range toks {
		if t.Kind != Comment || t.Unterminated {
			out = append(out, t)
		}
	}
	return out
}

// SignificantTokens is Significant(Tokenize(src, mode)) without the list
// of every token in between.
func SignificantTokens(src []byte, mode Mode) []Token { return tokens(src, mode, false) }

// Ident returns the name an identifier token stands for: quoted names
// lose their quotes, unquoted names fold to lower case on PostgreSQL (as
// the server does) and stay as written on MySQL.
func Ident(src []byte, t Token, mode Mode) string {
	switch t.Kind {
	case QuotedIdent:
		s := src[t.Start:t.End]
		if len(s) >= 2 && s[0] == 'U' || len(s) >= 2 && s[0] == 'u' {
			s = s[2:] // U&"..."
		}
		if len(s) < 2 {
			return ""
		}
		q := s[0]
		body := s[1:]
		if body[len(body)-1] == q {
			body = body[:len(body)-1]
		}
		return string(bytes.ReplaceAll(body, []byte{q, q}, []byte{q}))
	case Word:
		if !mode.MySQLFamily() {
			return strings.ToLower(string(src[t.Start:t.End]))
		}
		return string(src[t.Start:t.End])
	case String:
		// MySQL accepts 'name' in some identifier positions.
		v, _ := StringValue(src, t, mode)
		return v
	}
	return t.Text(src)
}

// StringValue decodes a string literal token. The offset map is not kept:
// callers that need positions inside a string use StringBody.
func StringValue(src []byte, t Token, mode Mode) (string, bool) {
	body, off, quote, backslash, ok := StringBody(src, t, mode)
	if !ok {
		return "", false
	}
	_ = off
	return unescape(body, quote, backslash), true
}

// StringBody returns the raw bytes between a string literal's quotes and
// the offset where they start; the quote byte, and whether backslash
// escapes apply (quote is 0 for a dollar-quoted string).
func StringBody(src []byte, t Token, mode Mode) (body []byte, off int, quote byte, backslash bool, ok bool) {
	s := src[t.Start:t.End]
	switch t.Kind {
	case DollarString:
		i := bytes.IndexByte(s[1:], '$')
		if i < 0 {
			return nil, 0, 0, false, false
		}
		tag := s[:i+2]
		body := s[len(tag):]
		if bytes.HasSuffix(body, tag) && len(body) >= len(tag) {
			body = body[:len(body)-len(tag)]
		}
		return body, t.Start + len(tag), 0, false, true
	case String:
		prefix := 0
		for prefix < len(s) && s[prefix] != '\'' && s[prefix] != '"' {
			prefix++
		}
		if prefix >= len(s) {
			return nil, 0, 0, false, false
		}
		q := s[prefix]
		backslash := mode.MySQLFamily() || (prefix == 1 && s[0]|0x20 == 'e')
		body := s[prefix+1:]
		if len(body) > 0 && body[len(body)-1] == q {
			body = body[:len(body)-1]
		}
		return body, t.Start + prefix + 1, q, backslash, true
	}
	return nil, 0, 0, false, false
}

func unescape(body []byte, q byte, backslash bool) string {
	if q == 0 || (bytes.IndexByte(body, q) < 0 && (!backslash || bytes.IndexByte(body, '\\') < 0)) {
		return string(body)
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == q && i+1 < len(body) && body[i+1] == q:
			b.WriteByte(q)
			i++
		case backslash && c == '\\' && i+1 < len(body):
			i++
			switch body[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			default:
				b.WriteByte(body[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Segments splits toks[from:to] at top-level commas (outside parentheses)
// and returns each segment's token range.
func Segments(toks []Token, from, to int) [][2]int {
	var out [][2]int
	depth := 0
	start := from
	for i := from; i < to && i < len(toks); i++ {
		switch toks[i].Kind {
		case LParen:
			depth++
		case RParen:
			depth--
		case Comma:
			if depth == 0 {
				out = append(out, [2]int{start, i})
				start = i + 1
			}
		}
	}
	if start < to {
		out = append(out, [2]int{start, to})
	}
	return out
}

// CharsToBytes is the byte length of the first n characters of b: the
// parsers count error positions in characters, offsets are in bytes.
func CharsToBytes(b []byte, n int) int {
	off := 0
	for i := 0; i < n && off < len(b); i++ {
		_, w := utf8.DecodeRune(b[off:])
		off += w
	}
	return off
}

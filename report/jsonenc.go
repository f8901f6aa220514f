package report

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// jsonOut writes JSON indented exactly as encoding/json's MarshalIndent
// with two spaces and HTML escaping off: a run writes one element per
// file and per finding, and reflection plus a second indenting pass cost
// more than the lint of a small file. TestJSONOut holds it to
// encoding/json's bytes.
type jsonOut struct {
	b      []byte
	prefix string
	depth  int
	empty  bool // nothing written yet in the innermost object or array
}

func (o *jsonOut) newline() {
	o.b = append(o.b, '\n')
	o.b = append(o.b, o.prefix...)
	for range o.depth {
		o.b = append(o.b, ' ', ' ')
	}
}

func (o *jsonOut) open(c byte) {
	o.b = append(o.b, c)
	o.depth++
	o.empty = true
}

func (o *jsonOut) close(c byte) {
	o.depth--
	if !o.empty {
		o.newline()
	}
	o.b = append(o.b, c)
	o.empty = false
}

// elem starts the next element of an array.
func (o *jsonOut) elem() {
	if !o.empty {
		o.b = append(o.b, ',')
	}
	o.empty = false
	o.newline()
}

// key starts the next field of an object.
func (o *jsonOut) key(k string) {
	o.elem()
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':', ' ')
}

func (o *jsonOut) str(s string) { o.b = appendJSONString(o.b, s) }

func (o *jsonOut) int(n int) { o.b = strconv.AppendInt(o.b, int64(n), 10) }

func (o *jsonOut) bool(v bool) { o.b = strconv.AppendBool(o.b, v) }

// list writes a field holding xs as encoding/json writes a slice: null
// when nil, else each element by render.
func list[T any](o *jsonOut, k string, xs []T, render func(*T, *jsonOut)) {
	o.key(k)
	if xs == nil {
		o.b = append(o.b, "null"...)
		return
	}
	o.open('[')
	for i := range xs {
		o.elem()
		render(&xs[i], o)
	}
	o.close(']')
}

func (o *jsonOut) strField(k, v string)     { o.key(k); o.str(v) }
func (o *jsonOut) intField(k string, v int) { o.key(k); o.int(v) }
func (o *jsonOut) boolField(k string, v bool) {
	o.key(k)
	o.bool(v)
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does without HTML escaping:
// short escapes where JSON has them, \u00XX for other control bytes,
// \ufffd for each byte that is not UTF-8, and \u2028 and \u2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		i = plainRun(s, i)
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plainRun returns the first index from i on of a byte of s that JSON
// escapes or that is not ASCII, or len(s); eight bytes at a time, as most
// of a report's text is plain ASCII.
func plainRun(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		q, b := x^(ones*'"'), x^(ones*'\\')
		// A high bit is set in some byte of special when a byte of x is a
		// control byte, a quote or a backslash, or is not ASCII.
		special := (x - ones*0x20) | (q-ones)&^q | (b-ones)&^b
		if (special&^x|x)&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return i
		}
	}
	return i
}

func (p jsonPos) appendTo(o *jsonOut) {
	o.open('{')
	o.intField("line", p.Line)
	o.intField("column", p.Column)
	o.intField("offset", p.Offset)
	o.close('}')
}

func (f *jsonFile) appendTo(o *jsonOut) {
	o.open('{')
	o.strField("path", f.Path)
	o.strField("dialect", f.Dialect)
	o.strField("dialect_reason", f.DialectReason)
	o.boolField("dialect_guessed", f.DialectGuessed)
	o.strField("framework", f.Framework)
	o.boolField("skipped", f.Skipped)
	if f.SkipReason != "" {
		o.strField("skip_reason", f.SkipReason)
	}
	list(o, "sections", f.Sections, (*jsonSection).appendTo)
	o.intField("findings", f.Findings)
	o.close('}')
}

func (s *jsonSection) appendTo(o *jsonOut) {
	o.open('{')
	o.strField("kind", s.Kind)
	if s.Name != "" {
		o.strField("name", s.Name)
	}
	o.key("start")
	s.Start.appendTo(o)
	o.key("end")
	s.End.appendTo(o)
	o.boolField("in_transaction", s.InTransaction)
	o.boolField("repeatable", s.Repeatable)
	if s.RepeatReason != "" {
		o.strField("repeat_reason", s.RepeatReason)
	}
	if len(s.Attributes) > 0 {
		o.key("attributes")
		o.open('{')
		keys := make([]string, 0, len(s.Attributes))
		for k := range s.Attributes {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			o.elem()
			o.str(k)
			o.b = append(o.b, ':', ' ')
			o.str(s.Attributes[k])
		}
		o.close('}')
	}
	o.close('}')
}

func (f *jsonFinding) appendTo(o *jsonOut) {
	o.open('{')
	o.strField("rule", f.Rule)
	o.strField("severity", f.Severity)
	o.strField("category", f.Category)
	o.strField("message", f.Message)
	o.strField("help", f.Help)
	o.strField("help_uri", f.HelpURI)
	o.strField("path", f.Path)
	o.key("start")
	f.Start.appendTo(o)
	o.key("end")
	f.End.appendTo(o)
	if f.Statement != "" {
		o.strField("statement", f.Statement)
	}
	if f.Fix != nil {
		o.key("fix")
		o.open('{')
		o.strField("message", f.Fix.Message)
		list(o, "edits", f.Fix.Edits, (*jsonEdit).appendTo)
		o.close('}')
	}
	o.close('}')
}

func (e *jsonEdit) appendTo(o *jsonOut) {
	o.open('{')
	o.key("start")
	e.Start.appendTo(o)
	o.key("end")
	e.End.appendTo(o)
	o.strField("text", e.Text)
	o.close('}')
}

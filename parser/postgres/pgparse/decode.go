package pgparse

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v5"
)

// maxDepth bounds the nesting the decoder follows. libpg_query itself
// refuses trees far shallower (its stack depth limit); a deeper document
// is not one it wrote, and Parse then takes the protobuf path.
const maxDepth = 10000

// decoder reads the JSON libpg_query writes: objects, arrays, strings,
// numbers and booleans, with no whitespace and keys without escapes. Any
// surprise sets err; every reader then returns zero values and loops end,
// so a generated decoding function needs no error checks of its own.
type decoder struct {
	s     string
	sql   string // the text parsed
	i     int
	depth int
	err   bool

	// For the statement being read: zeroInts counts Integer nodes read as
	// 0 whose sign is unknown (the JSON leaves out a negative value too);
	// zeroBound is set when an empty array bound was taken for [], which
	// [0] also writes; ambiguous is set when the JSON cannot tell which of
	// two values the tree holds.
	zeroInts  int
	zeroBound bool
	ambiguous bool
	// redo are the statements whose JSON may not say what the protobuf
	// form says: Parse parses them again through pg_query_go.
	redo []*pg.RawStmt
}

// rawStmt decides, once a statement is read, whether its JSON can be
// trusted, and starts the next statement afresh.
func (d *decoder) rawStmt(x *pg.RawStmt) {
	text := stmtText(d.sql, x)
	if d.ambiguous || d.zeroInts > 0 && mayNegate(text) || d.zeroBound && zeroSubscript(text) {
		d.redo = append(d.redo, x)
	}
	d.zeroInts, d.zeroBound, d.ambiguous = 0, false, false
}

// stmtText is a statement's text: from the end of the one before, up to
// its semicolon or the end of the text.
func stmtText(sql string, x *pg.RawStmt) string {
	from := min(max(0, int(x.StmtLocation)), len(sql))
	to := len(sql)
	if x.StmtLen > 0 {
		to = min(from+int(x.StmtLen), len(sql))
	}
	return sql[from:to]
}

// integer counts an Integer the JSON gave no value.
func (d *decoder) integer(x *pg.Integer) {
	if x.Ival == 0 {
		d.zeroInts++
	}
}

// aConst settles the sign of an integer constant read as 0. The grammar
// folds a minus sign into the constant and gives it the sign's location:
// there the value is read back from the text, -1 or - (1).
func (d *decoder) aConst(x *pg.A_Const) {
	v, ok := x.Val.(*pg.A_Const_Ival)
	if !ok || v.Ival == nil || v.Ival.Ival != 0 {
		return
	}
	d.zeroInts--
	loc := int(x.Location)
	if loc < 0 || loc >= len(d.sql) || d.sql[loc] != '-' {
		return
	}
	n, ok := negated(d.sql[loc+1:])
	if !ok {
		d.ambiguous = true
		return
	}
	v.Ival.Ival = n
}

// negated reads the integer after a minus sign: blanks and parentheses,
// then a literal as PostgreSQL writes it (12, 1_000, 0x1F, 0o17, 0b101).
// It reports false for anything else (a comment, a second minus).
func negated(s string) (int32, bool) {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\r(", s[i]) >= 0 {
		i++
	}
	j := i
	for j < len(s) && (s[j] == '_' || s[j] >= '0' && s[j] <= '9' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	lit := s[i:j]
	if lit == "" || lit[0] < '0' || lit[0] > '9' {
		return 0, false
	}
	base := 0
	if len(lit) > 1 && lit[0] == '0' && lit[1] >= '0' && lit[1] <= '9' {
		base = 10 // 017 is seventeen to PostgreSQL, octal to Go
		lit = strings.ReplaceAll(lit, "_", "")
	}
	v, err := strconv.ParseInt(lit, base, 64)
	if err != nil || -v < -1<<31 {
		return 0, false
	}
	return int32(-v), true
}

// arrayBounds restores the -1 the grammar stores for each [] of a type
// (text[]), which the JSON writes as an Integer without a value.
func (d *decoder) arrayBounds(bounds []*pg.Node) {
	for _, n := range bounds {
		if i := n.GetInteger(); i != nil && i.Ival == 0 {
			i.Ival = -1
			d.zeroInts--
			d.zeroBound = true
		}
	}
}

// aggregateArgs: CREATE AGGREGATE's arguments end with an Integer that is
// -1 without ORDER BY and 0 for (ORDER BY ...); the JSON writes both alike.
func (d *decoder) aggregateArgs(args []*pg.Node) {
	for _, n := range args {
		if i := n.GetInteger(); i != nil && i.Ival == 0 {
			d.ambiguous = true
		}
	}
}

func (d *decoder) fail() {
	d.err = true
	d.i = len(d.s)
}

func (d *decoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// expect consumes byte c, after any whitespace.
func (d *decoder) expect(c byte) {
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return
	}
	d.fail()
}

func (d *decoder) enter() bool {
	d.depth++
	if d.depth > maxDepth {
		d.fail()
		return false
	}
	return true
}

func (d *decoder) leave() { d.depth-- }

func (d *decoder) object() { d.expect('{') }

func (d *decoder) array() { d.expect('[') }

// more reports whether the object or array being read has another member,
// consuming its closing byte when it has not.
func (d *decoder) more(closing byte) bool {
	d.ws()
	if d.i >= len(d.s) {
		d.fail()
		return false
	}
	switch d.s[d.i] {
	case closing:
		d.i++
		return false
	case ',':
		d.i++
	}
	return !d.err
}

// key reads an object key and its colon.
func (d *decoder) key() string {
	d.expect('"')
	j := strings.IndexByte(d.s[d.i:], '"')
	if j < 0 || d.err {
		d.fail()
		return ""
	}
	k := d.s[d.i : d.i+j]
	d.i += j + 1
	d.expect(':')
	return k
}

// unknown is a key the generated types do not have: the JSON and the
// protobuf forms would differ, so the JSON is not used.
func (d *decoder) unknown() { d.fail() }

func (d *decoder) null() bool {
	d.ws()
	if strings.HasPrefix(d.s[d.i:], "null") {
		d.i += 4
		return true
	}
	return false
}

// str reads a string. Strings are copied out of the JSON so that a name
// kept after the tree is dropped does not keep the whole document alive.
func (d *decoder) str() string {
	if d.null() {
		return ""
	}
	d.expect('"')
	if d.err {
		return ""
	}
	// A plain loop: the strings are mostly short names, for which
	// strings.IndexAny's set-up costs more than the search, and it tells
	// whether the string is all ASCII, which needs no UTF-8 check.
	start, ascii := d.i, true
	for ; d.i < len(d.s); d.i++ {
		switch c := d.s[d.i]; {
		case c == '"':
			d.i++
			if ascii {
				return strings.Clone(d.s[start : d.i-1])
			}
			return d.valid(strings.Clone(d.s[start : d.i-1]))
		case c == '\\':
			return d.escaped(start)
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	d.fail()
	return ""
}

// valid keeps protobuf's rule: a string that is not UTF-8 (E'\xff')
// fails the decoding, as it fails pg_query_go's.
func (d *decoder) valid(s string) string {
	if !utf8.ValidString(s) {
		d.fail()
		return ""
	}
	return s
}

// escaped reads the rest of a string that has escapes, from start.
func (d *decoder) escaped(start int) string {
	var b strings.Builder
	b.WriteString(d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch c {
		case '"':
			d.i++
			return d.valid(b.String())
		case '\\':
			if d.i+1 >= len(d.s) {
				d.fail()
				return ""
			}
			e := d.s[d.i+1]
			d.i += 2
			switch e {
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'u':
				r := d.hex4()
				if utf16.IsSurrogate(r) && strings.HasPrefix(d.s[d.i:], `\u`) {
					d.i += 2
					r = utf16.DecodeRune(r, d.hex4())
				}
				b.WriteRune(r)
			default:
				d.fail()
				return ""
			}
		default:
			b.WriteByte(c)
			d.i++
		}
	}
	d.fail()
	return ""
}

func (d *decoder) hex4() rune {
	if d.i+4 > len(d.s) {
		d.fail()
		return 0
	}
	v, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 32)
	if err != nil {
		d.fail()
		return 0
	}
	d.i += 4
	return rune(v)
}

// number returns the text of a number.
func (d *decoder) number() string {
	d.ws()
	start := d.i
	for d.i < len(d.s) && strings.IndexByte("0123456789-+.eE", d.s[d.i]) >= 0 {
		d.i++
	}
	if d.i == start {
		d.fail()
	}
	return d.s[start:d.i]
}

func (d *decoder) int(lo, hi int64) int64 {
	// Most numbers in a tree are locations: a few plain digits, read here
	// without strconv; anything else (a sign, an exponent, 19 digits or
	// more) goes through it.
	d.ws()
	i := d.i
	if i < len(d.s) && d.s[i] == '-' {
		i++
	}
	var v int64
	j := i
	for ; j < len(d.s) && j-i < 18 && d.s[j] >= '0' && d.s[j] <= '9'; j++ {
		v = v*10 + int64(d.s[j]-'0')
	}
	if j > i && (j == len(d.s) || strings.IndexByte("0123456789-+.eE", d.s[j]) < 0) {
		if i > d.i {
			v = -v
		}
		d.i = j
		if v < lo || v > hi {
			d.fail()
			return 0
		}
		return v
	}
	v, err := strconv.ParseInt(d.number(), 10, 64)
	if err != nil || v < lo || v > hi {
		d.fail()
		return 0
	}
	return v
}

func (d *decoder) uint() uint64 {
	v, err := strconv.ParseUint(d.number(), 10, 64)
	if err != nil {
		d.fail()
		return 0
	}
	return v
}

func (d *decoder) float() float64 {
	v, err := strconv.ParseFloat(d.number(), 64)
	if err != nil {
		d.fail()
		return 0
	}
	return v
}

func (d *decoder) bool() bool {
	d.ws()
	switch {
	case strings.HasPrefix(d.s[d.i:], "true"):
		d.i += 4
		return true
	case strings.HasPrefix(d.s[d.i:], "false"):
		d.i += 5
		return false
	}
	d.fail()
	return false
}

// enum reads an enum's name and returns its protobuf number.
func (d *decoder) enum(values map[string]int32) int32 {
	d.expect('"')
	j := strings.IndexByte(d.s[d.i:], '"')
	if j < 0 || d.err {
		d.fail()
		return 0
	}
	v, ok := values[d.s[d.i:d.i+j]]
	if !ok {
		d.fail()
	}
	d.i += j + 1
	return v
}

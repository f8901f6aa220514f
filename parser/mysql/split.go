package mysql

import (
	"bytes"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// piece is one statement found by the splitter: tokens [from, to) of the
// significant token list, and term, the index of its terminator token
// (a semicolon or a custom delimiter), or -1.
type piece struct {
	from, to int
	term     int
}

// stream yields the tokens of a text, from the precomputed list when it
// can and from a live lexer after a split fell inside a token (END$$ is
// one word to the lexer, two things to the mysql client).
type stream struct {
	src  []byte
	orig []lex.Token
	i    int
	lx   *lex.Lexer
}

func (s *stream) next() (lex.Token, bool) {
	if s.lx != nil {
		t := s.lx.Next()
		if t.Kind == lex.EOF {
			s.lx = nil
			s.i = len(s.orig)
			return t, false
		}
		// Once a fresh token starts where a precomputed one does, both
		// lexers agree from there on.
		j := s.i + sort.Search(len(s.orig)-s.i, func(k int) bool { return s.orig[s.i+k].Start >= t.Start })
		if j < len(s.orig) && s.orig[j].Start == t.Start {
			s.lx = nil
			s.i = j
		} else {
			s.i = j
			return t, true
		}
	}
	if s.i >= len(s.orig) {
		return lex.Token{}, false
	}
	t := s.orig[s.i]
	s.i++
	return t, true
}

// restart continues the stream at byte offset off.
func (s *stream) restart(off int) {
	j := sort.Search(len(s.orig), func(k int) bool { return s.orig[k].Start >= off })
	s.i = j
	s.lx = nil
	if j < len(s.orig) && s.orig[j].Start == off {
		return
	}
	if off >= len(s.src) {
		s.i = len(s.orig)
		return
	}
	s.lx = lex.New(s.src, lex.MySQL)
	s.lx.SetPos(off)
}

// opaque tokens hide their content from delimiter matching.
func opaque(src []byte, t lex.Token) bool {
	switch t.Kind {
	case lex.Comment, lex.String, lex.QuotedIdent:
		return true
	case lex.Variable:
		// @'x', @"x", @`x` are quoted.
		return bytes.ContainsAny(src[t.Start:t.End], "'\"`")
	}
	return false
}

// splitter cuts a text into statements the way the mysql client (and
// Flyway, goose, Liquibase) do: on the current delimiter outside quotes
// and comments, keeping compound statements (routine bodies, BEGIN NOT
// ATOMIC) whole while the delimiter is a semicolon.
type splitter struct {
	src     []byte
	in      stream
	regions []model.Region // sorted by start
	ri      int
	// client is true for a file: DELIMITER commands apply. SQL inside a
	// string is never split on them.
	client bool

	sig    []lex.Token
	pieces []piece
}

// split returns the significant tokens of src (custom delimiters become
// one Semicolon token each) and the statements.
func split(src []byte, toks []lex.Token, regions []model.Region, client bool) ([]lex.Token, []piece) {
	regions = append([]model.Region(nil), regions...)
	sort.Slice(regions, func(i, j int) bool { return regions[i].Span.Start < regions[j].Span.Start })
	sp := &splitter{src: src, in: stream{src: src, orig: toks}, regions: regions, client: client}
	sp.sig = make([]lex.Token, 0, len(toks))
	sp.run()
	return sp.sig, sp.pieces
}

// region returns the framework region containing offset off, or nil.
// Offsets only grow, so the search resumes where it stopped.
func (sp *splitter) region(off int) *model.Region {
	for sp.ri < len(sp.regions) && sp.regions[sp.ri].Span.End <= off {
		sp.ri++
	}
	if sp.ri < len(sp.regions) && off >= sp.regions[sp.ri].Span.Start {
		return &sp.regions[sp.ri]
	}
	return nil
}

// cur is the statement being collected.
type cur struct {
	open   bool
	from   int
	region *model.Region
	// compound: a routine or block; depth counts open BEGIN/CASE/IF/
	// LOOP/WHILE/REPEAT blocks; atStart says the next token begins a
	// statement of the body.
	compound bool
	decided  bool
	depth    int
	atStart  bool
	// bodyFrom is the offset where a routine body starts, once known.
	bodyFrom int
	// skipEnd makes the word after END (IF, LOOP, ...) not open a block.
	skipEnd bool
}

func (sp *splitter) run() {
	delim := ";"
	var st cur
	finish := func(term int) {
		if st.open {
			to := len(sp.sig)
			if term >= 0 {
				to = term
			}
			if to > st.from {
				sp.pieces = append(sp.pieces, piece{from: st.from, to: to, term: term})
			} else if term >= 0 {
				// A lone terminator: drop it from the token list too.
				sp.sig = sp.sig[:st.from]
			}
		}
		st = cur{}
	}
	push := func(t lex.Token) int {
		sp.sig = append(sp.sig, t)
		i := len(sp.sig) - 1
		if !st.decided {
			st.decided = true
			st.compound, st.bodyFrom = compoundHead(sp.src, t, func(off, n int) []lex.Token { return peek(sp.src, off, n) })
			st.atStart = true
		}
		sp.track(&st, i)
		return i
	}
	for {
		t, ok := sp.in.next()
		if !ok {
			break
		}
		reg := sp.region(t.Start)
		if reg != nil && t.End > reg.Span.End {
			// The region's end cuts the token (a comment or quote whose
			// closing marker is the region's own): within the region it
			// is unterminated, and reading goes on after the region.
			t.End, t.Unterminated = reg.Span.End, true
			sp.in.restart(reg.Span.End)
		}
		if t.Kind == lex.Comment && !t.Unterminated {
			continue
		}
		if st.open && reg != st.region {
			// A framework region boundary always ends a statement.
			finish(-1)
		}
		d := delim
		if reg != nil && reg.Delimiter != "" {
			d = reg.Delimiter
		}
		if !st.open {
			if sp.client && lex.Is(sp.src, t, "DELIMITER") {
				if nd, end, ok := sp.delimiterCommand(t); ok {
					delim = nd
					sp.in.restart(end)
					continue
				}
			}
			if t.Kind == lex.Semicolon && d == ";" {
				continue
			}
			st = cur{open: true, from: len(sp.sig), region: reg, bodyFrom: -1}
		}
		if d != ";" && !opaque(sp.src, t) {
			if k, n, ok := sp.findDelim(t, d); ok {
				if k > t.Start {
					push(lex.Token{Kind: t.Kind, Start: t.Start, End: k})
				}
				sp.sig = append(sp.sig, lex.Token{Kind: lex.Semicolon, Start: k, End: k + n})
				finish(len(sp.sig) - 1)
				sp.in.restart(k + n)
				continue
			}
		}
		i := push(t)
		// A semicolon ends a plain statement (under a custom delimiter
		// too: the client sends both statements, the server runs both).
		// Inside a compound statement it ends the statement only at depth
		// 0, and never when a custom delimiter or an atomic region says
		// where the end is.
		if t.Kind == lex.Semicolon && (!st.compound || (st.depth <= 0 && d == ";" && (st.region == nil || !st.region.Atomic))) {
			finish(i)
		}
	}
	finish(-1)
}

// delimiterCommand reads "DELIMITER xx" to the end of its line.
func (sp *splitter) delimiterCommand(t lex.Token) (string, int, bool) {
	end := len(sp.src)
	if i := bytes.IndexByte(sp.src[t.End:], '\n'); i >= 0 {
		end = t.End + i
	}
	if t.End < len(sp.src) && sp.src[t.End] != ' ' && sp.src[t.End] != '\t' {
		return "", 0, false
	}
	fields := strings.Fields(string(sp.src[t.End:end]))
	if len(fields) == 0 {
		return "", 0, false
	}
	d := fields[0]
	// The client also takes a quoted delimiter: delimiter '//'.
	if q := d[0]; q == '\'' || q == '"' || q == '`' {
		rest := strings.TrimLeft(string(sp.src[t.End:end]), " \t")
		if k := strings.IndexByte(rest[1:], q); k > 0 {
			d = rest[1 : k+1]
		}
	}
	return d, end, true
}

// findDelim looks for delimiter d starting inside token t; it returns the
// offset and length of the match.
func (sp *splitter) findDelim(t lex.Token, d string) (int, int, bool) {
	src := sp.src
	if alone(d) {
		// "/" and word delimiters (Liquibase GO) count only alone on a line.
		if !strings.EqualFold(string(src[t.Start:t.End]), d) {
			return 0, 0, false
		}
		if !blankLine(src, t.Start, t.Start+len(d)) {
			return 0, 0, false
		}
		return t.Start, len(d), true
	}
	for k := t.Start; k < t.End; k++ {
		if src[k] != d[0] || !bytes.HasPrefix(src[k:], []byte(d)) {
			continue
		}
		// A match running past the token must not run into a quote or
		// comment.
		if e := k + len(d); e > t.End {
			rest := src[t.End:e]
			if bytes.ContainsAny(rest, "'\"`# \t\r\n") || bytes.Contains(src[t.End:min(e+1, len(src))], []byte("/*")) || bytes.Contains(rest, []byte("--")) {
				continue
			}
		}
		return k, len(d), true
	}
	return 0, 0, false
}

// alone reports whether a delimiter counts only on a line of its own.
func alone(d string) bool {
	if d == "/" {
		return true
	}
	for i := 0; i < len(d); i++ {
		c := d[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return d != ""
}

func blankLine(src []byte, a, b int) bool {
	for i := a - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\r' {
			return false
		}
	}
	for i := b; i < len(src) && src[i] != '\n'; i++ {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\r' {
			return false
		}
	}
	return true
}

// peek lexes up to n significant tokens from off, ignoring delimiters:
// lookahead for classification only.
func peek(src []byte, off, n int) []lex.Token {
	lx := lex.New(src, lex.MySQL)
	lx.SetPos(off)
	out := make([]lex.Token, 0, 16)
	for len(out) < n {
		t := lx.Next()
		if t.Kind == lex.EOF {
			break
		}
		if t.Kind != lex.Comment {
			out = append(out, t)
		}
	}
	return out
}

// track updates block depth for token i of a compound statement.
func (sp *splitter) track(st *cur, i int) {
	if !st.compound {
		return
	}
	src := sp.src
	t := sp.sig[i]
	start := st.atStart || (st.bodyFrom >= 0 && t.Start == st.bodyFrom)
	st.atStart = false
	// The word right after END (END IF, END LOOP ...) opens nothing.
	afterEnd := st.skipEnd
	st.skipEnd = false
	if t.Kind == lex.Semicolon {
		st.atStart = true
		return
	}
	if t.Kind == lex.Op && t.End-t.Start == 1 && src[t.Start] == ':' {
		st.atStart = true // after a label
		return
	}
	if t.Kind != lex.Word || (i > 0 && sp.sig[i-1].Kind == lex.Dot) {
		return
	}
	if afterEnd {
		switch upper(src, t) {
		case "IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR":
			return
		}
	}
	switch upper(src, t) {
	case "BEGIN", "CASE":
		st.depth++
		st.atStart = true
	case "IF", "REPEAT":
		if start && !sp.isCall(t) {
			st.depth++
		}
	case "LOOP", "WHILE", "FOR":
		// MariaDB's FOR ... DO ... END FOR opens a block only where a
		// statement starts (not in SELECT ... FOR UPDATE or CURSOR FOR).
		if start {
			st.depth++
		}
		st.atStart = upper(src, t) == "LOOP"
	case "END":
		st.depth--
		st.skipEnd = true
	case "THEN", "ELSE", "DO", "ATOMIC":
		st.atStart = true
	}
}

// isCall reports whether IF/REPEAT at t is a function call: IF(a, b, c)
// has a comma at the top level of its parentheses; IF (a) THEN does not.
func (sp *splitter) isCall(t lex.Token) bool {
	return isCallAt(sp.src, t)
}

func isCallAt(src []byte, t lex.Token) bool {
	lx := lex.New(src, lex.MySQL)
	lx.SetPos(t.End)
	depth := 0
	for first := true; ; first = false {
		x := lx.Next()
		for x.Kind == lex.Comment {
			x = lx.Next()
		}
		if first && x.Kind != lex.LParen {
			return false
		}
		switch x.Kind {
		case lex.EOF:
			return false
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
			if depth == 0 {
				return false
			}
		case lex.Comma:
			if depth == 1 {
				return true
			}
		case lex.Semicolon:
			return false
		}
	}
}

func upper(src []byte, t lex.Token) string {
	if t.Kind != lex.Word || t.End-t.Start > 24 {
		return ""
	}
	return strings.ToUpper(string(src[t.Start:t.End]))
}

package mysql

import (
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// header is what precedes the body of a compound statement: CREATE
// [OR REPLACE] [DEFINER=...] PROCEDURE|FUNCTION|TRIGGER|EVENT [IF NOT
// EXISTS] name ..., or nothing for [label:] BEGIN NOT ATOMIC and MariaDB's
// IF/CASE/LOOP/WHILE/REPEAT outside programs. Token indexes are into the
// token slice given to readHeader; -1 means absent.
type header struct {
	kind        model.ObjectKind // KindNone for an anonymous block
	orReplace   int              // OR
	ifNotExists int              // IF of IF NOT EXISTS
	keyword     int              // PROCEDURE, FUNCTION, TRIGGER, EVENT
	name        [2]int           // the routine name, a possibly qualified name
	table       [2]int           // a trigger's table
	body        int              // the first token of the body; len(toks) when there is none
}

func wordAt(src []byte, toks []lex.Token, i int, w string) bool {
	return i >= 0 && i < len(toks) && lex.Is(src, toks[i], w)
}

func isOp(src []byte, t lex.Token, op string) bool {
	return t.Kind == lex.Op && string(src[t.Start:t.End]) == op
}

// nameEnd returns the index after the possibly qualified name at i.
func nameEnd(toks []lex.Token, i int) int {
	if i >= len(toks) {
		return i
	}
	i++
	for i+1 < len(toks) && toks[i].Kind == lex.Dot {
		i += 2
	}
	return i
}

// skipUser skips a DEFINER account: CURRENT_USER[()], or user[@host] in
// any quoting.
func skipUser(src []byte, toks []lex.Token, i int) int {
	if wordAt(src, toks, i, "CURRENT_USER") {
		i++
		if i+1 < len(toks) && toks[i].Kind == lex.LParen && toks[i+1].Kind == lex.RParen {
			i += 2
		}
		return i
	}
	if i < len(toks) {
		i++
	}
	for i < len(toks) {
		switch {
		case toks[i].Kind == lex.Variable && toks[i].Start == toks[i-1].End:
			i++ // @host glued to the user
		case toks[i].Kind == lex.Op && isOp(src, toks[i], "@"):
			i += 2
		default:
			return i
		}
	}
	return i
}

// readHeader reads the head of a compound statement; ok is false when
// toks do not start one.
func readHeader(src []byte, toks []lex.Token) (h header, ok bool) {
	h = header{orReplace: -1, ifNotExists: -1, keyword: -1, name: [2]int{-1, -1}, table: [2]int{-1, -1}, body: -1}
	if len(toks) == 0 {
		return h, false
	}
	i := 0
	// A label: lbl: BEGIN | LOOP | WHILE | REPEAT.
	if len(toks) >= 3 && (toks[0].Kind == lex.Word || toks[0].Kind == lex.QuotedIdent) && isOp(src, toks[1], ":") {
		switch upper(src, toks[2]) {
		case "BEGIN", "LOOP", "WHILE", "REPEAT", "FOR":
			h.body = 0
			return h, true
		}
		return h, false
	}
	switch upper(src, toks[0]) {
	case "BEGIN":
		if wordAt(src, toks, 1, "NOT") && wordAt(src, toks, 2, "ATOMIC") {
			h.body = 0
			return h, true
		}
		return h, false
	case "IF", "CASE", "LOOP", "WHILE", "REPEAT":
		h.body = 0
		return h, true
	case "CREATE":
		i = 1
	default:
		return h, false
	}
	for i < len(toks) {
		switch upper(src, toks[i]) {
		case "OR":
			if !wordAt(src, toks, i+1, "REPLACE") {
				return h, false
			}
			h.orReplace = i
			i += 2
			continue
		case "DEFINER":
			i++
			if i < len(toks) && isOp(src, toks[i], "=") {
				i++
			}
			i = skipUser(src, toks, i)
			continue
		case "SQL":
			i += 3 // SQL SECURITY DEFINER|INVOKER
			continue
		case "AGGREGATE", "NONATOMIC":
			i++
			continue
		case "PROCEDURE":
			h.kind = model.KindProcedure
		case "FUNCTION":
			h.kind = model.KindFunction
		case "TRIGGER":
			h.kind = model.KindTrigger
		case "EVENT":
			h.kind = model.KindEvent
		default:
			return h, false
		}
		break
	}
	if h.kind == model.KindNone {
		return h, false
	}
	h.keyword = i
	i++
	if wordAt(src, toks, i, "IF") && wordAt(src, toks, i+1, "NOT") && wordAt(src, toks, i+2, "EXISTS") {
		h.ifNotExists = i
		i += 3
	}
	if i >= len(toks) {
		h.body = len(toks)
		return h, true
	}
	h.name = [2]int{i, nameEnd(toks, i)}
	i = h.name[1]
	switch h.kind {
	case model.KindProcedure, model.KindFunction:
		if i >= len(toks) || toks[i].Kind != lex.LParen {
			// A loadable function (RETURNS ... SONAME): no body.
			h.body = len(toks)
			return h, true
		}
		i = skipParens(toks, i)
		h.body = skipCharacteristics(src, toks, i)
	case model.KindTrigger:
		for ; i < len(toks); i++ {
			if wordAt(src, toks, i, "ON") && h.table[0] < 0 {
				h.table = [2]int{i + 1, nameEnd(toks, i+1)}
			}
			if wordAt(src, toks, i, "EACH") && wordAt(src, toks, i+1, "ROW") {
				i += 2
				break
			}
		}
		if wordAt(src, toks, i, "FOLLOWS") || wordAt(src, toks, i, "PRECEDES") {
			i = nameEnd(toks, i+1)
		}
		h.body = i
	case model.KindEvent:
		for ; i < len(toks) && !wordAt(src, toks, i, "DO"); i++ {
		}
		h.body = min(i+1, len(toks))
	}
	return h, true
}

// skipParens returns the index after the parenthesised group at i.
func skipParens(toks []lex.Token, i int) int {
	depth := 0
	for ; i < len(toks); i++ {
		switch toks[i].Kind {
		case lex.LParen:
			depth++
		case lex.RParen:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return i
}

// skipCharacteristics skips RETURNS type and routine characteristics to
// the first token of the body.
func skipCharacteristics(src []byte, toks []lex.Token, i int) int {
	for i < len(toks) {
		switch upper(src, toks[i]) {
		case "RETURNS":
			i += 2
			if i < len(toks) && toks[i].Kind == lex.LParen {
				i = skipParens(toks, i)
			}
			i = skipTypeModifiers(src, toks, i)
		case "COMMENT", "LANGUAGE":
			i += 2
		case "NOT":
			i += 2
		case "DETERMINISTIC":
			i++
		case "CONTAINS", "NO":
			i += 2
		case "READS", "MODIFIES":
			i += 3
		case "SQL":
			i += 3
		default:
			return i
		}
	}
	return i
}

// compoundHead classifies a statement from its first token (looking
// ahead with look): compound, and the offset where its body starts.
func compoundHead(src []byte, first lex.Token, look func(off, n int) []lex.Token) (compound bool, bodyFrom int) {
	n := 3 // a label
	switch upper(src, first) {
	case "CREATE":
		n = 16
	case "BEGIN", "IF", "CASE", "LOOP", "WHILE", "REPEAT":
	default:
		if first.Kind != lex.Word && first.Kind != lex.QuotedIdent || !colonAfter(src, first.End) {
			return false, -1
		}
	}
	toks := look(first.Start, n)
	h, ok := readHeader(src, toks)
	if !ok {
		return false, -1
	}
	// A routine: read on to where its body starts.
	for n = 64; h.kind != model.KindNone && h.body >= len(toks) && n <= 1<<16; n *= 8 {
		toks = look(first.Start, n)
		h, _ = readHeader(src, toks)
		if len(toks) < n {
			break // the whole statement was read
		}
	}
	if h.body >= 0 && h.body < len(toks) {
		return true, toks[h.body].Start
	}
	return true, -1
}

// skipTypeModifiers skips what may follow a type name in RETURNS.
func skipTypeModifiers(src []byte, toks []lex.Token, i int) int {
	for i < len(toks) {
		switch upper(src, toks[i]) {
		case "UNSIGNED", "SIGNED", "ZEROFILL", "PRECISION", "VARYING", "BINARY", "ASCII", "UNICODE", "BYTE":
			i++
		case "CHARSET", "COLLATE":
			i += 2
		case "CHARACTER":
			i += 3
		default:
			return i
		}
	}
	return i
}

// colonAfter reports whether a colon follows offset i, past blanks: the
// mark of a label.
func colonAfter(src []byte, i int) bool {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i < len(src) && src[i] == ':'
}

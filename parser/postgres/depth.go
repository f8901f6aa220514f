package postgres

import (
	"fmt"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/postgres/pgparse"
)

// MaxDepth bounds how deeply a statement, an expression or a PL/pgSQL body
// may nest before idemlint hands it to libpg_query. libpg_query recurses
// on the C stack once per level of its parse tree and checks no depth of
// its own; cgo runs it on the stack of an operating system thread.
// `SELECT 1 + 1 + ...` crashes the process (SIGSEGV) at about 23,800 terms
// with Linux's usual 8 MiB thread stack, and at about 1,460 with 512 KiB
// (the default for threads other than the main one on macOS): about 360
// bytes of stack a level. PL/pgSQL blocks cost less. Past about 5,000
// levels pg_query_go's protobuf decoder refuses the tree, and past about
// 3,400 BEGIN levels the JSON decoder refuses a PL/pgSQL tree. Migrations
// written by people nest a few dozen levels at most: 500 keeps every real
// one and needs under 200 KiB of stack.
const MaxDepth = 500

// depth estimates, from the significant tokens of one statement, how
// deeply libpg_query's parse tree nests. It over-estimates rather than
// under-estimates: every parenthesis, bracket and CASE opens a level;
// within a level, each operator or operator keyword deepens the chain it
// belongs to (binary operators are left-recursive in the grammar, so
// `a + b + c` nests as deep as it is long); a comma, AND, OR, WHEN, THEN
// or ELSE starts a sibling, which nests beside, not below (AND and OR
// lists are flat in the tree). JOINs nest until a comma, set operations
// (UNION, INTERSECT, EXCEPT) until the level closes.
func depth(src []byte, toks []lex.Token) int {
	type frame struct {
		base, chain, joins, setops int
		// between counts BETWEENs waiting for their AND, which does not
		// start a sibling.
		between int
		isCase  bool
	}
	stack := []frame{{}}
	top := &stack[0]
	cur := func() int { return top.base + top.chain + top.joins + top.setops }
	push := func(isCase bool) {
		stack = append(stack, frame{base: cur() + 1, isCase: isCase})
		top = &stack[len(stack)-1]
	}
	pop := func() {
		if len(stack) > 1 {
			stack = stack[:len(stack)-1]
			top = &stack[len(stack)-1]
		}
	}
	best := 0
	prevOpEnd := -1
	var word [9]byte // the longest keyword below
	for _, t := range toks {
		isOp := false
		switch t.Kind {
		case lex.LParen:
			push(false)
		case lex.RParen:
			for top.isCase && len(stack) > 1 { // a CASE left open inside
				pop()
			}
			pop()
		case lex.Comma:
			top.chain, top.joins, top.between = 0, 0, 0
		case lex.Semicolon:
			// BEGIN ATOMIC bodies hold several statements.
			stack = stack[:1]
			top = &stack[0]
			*top = frame{}
		case lex.Op:
			switch src[t.Start] {
			case '[':
				push(false)
			case ']':
				pop()
			default:
				isOp = true
				// Adjacent operator characters are one operator (||, ->>, <=).
				if t.Start != prevOpEnd {
					top.chain++
				}
				prevOpEnd = t.End
			}
		case lex.Word:
			n := t.End - t.Start
			if n > len(word) {
				break
			}
			for j := range n { // upper case without allocating
				ch := src[t.Start+j]
				if 'a' <= ch && ch <= 'z' {
					ch -= 'a' - 'A'
				}
				word[j] = ch
			}
			switch string(word[:n]) {
			case "CASE":
				push(true)
			case "END":
				if top.isCase {
					pop()
				}
			case "AND":
				if top.between > 0 {
					top.between--
				} else {
					top.chain = 0
				}
			case "OR", "WHEN", "THEN", "ELSE":
				top.chain = 0
			case "BETWEEN":
				top.between++
				top.chain++
			case "JOIN":
				top.joins++
			case "UNION", "INTERSECT", "EXCEPT":
				top.setops++
				top.chain = 0
			case "NOT", "IS", "ISNULL", "NOTNULL", "LIKE", "ILIKE", "SIMILAR", "IN", "AT", "COLLATE",
				"OVERLAPS", "OPERATOR", "ESCAPE":
				top.chain++
			}
		}
		if !isOp {
			prevOpEnd = -1
		}
		best = max(best, cur())
	}
	return best
}

// tooDeep reports whether the statement tokens toks nest beyond MaxDepth.
func tooDeep(src []byte, toks []lex.Token) bool {
	return depth(src, toks) > MaxDepth
}

// depthMessage is the finding for text that was not parsed.
func depthMessage(what string) string {
	return fmt.Sprintf("%s nests more than %d levels deep (parentheses, operators, CASE, JOIN, UNION, blocks): "+
		"idemlint did not parse it, since the C parser could crash on it, and did not check it", what, MaxDepth)
}

// parseSQL parses SQL text found outside the token stream of a conv (a
// PL/pgSQL condition, a Liquibase check query) within the nesting bound;
// ok is false when it is too deep or does not parse.
func parseSQL(sql string) (*pg.ParseResult, bool) {
	if tooDeep([]byte(sql), lex.SignificantTokens([]byte(sql), lex.Postgres)) {
		return nil, false
	}
	tree, err := pgparse.Parse(sql)
	return tree, err == nil
}

// blockDepth estimates how deeply a PL/pgSQL body nests its blocks and
// control structures: BEGIN, LOOP, CASE and an IF that starts a statement
// each open a level that END (END IF, END LOOP, END CASE) closes. Every
// nesting construct of PL/pgSQL ends with END, so the count cannot fall
// behind the real nesting of a body the PL/pgSQL parser accepts.
func blockDepth(src []byte, toks []lex.Token) int {
	d, best := 0, 0
	for i, t := range toks {
		if t.Kind != lex.Word {
			continue
		}
		afterEnd := i > 0 && lex.Is(src, toks[i-1], "END")
		switch {
		case lex.Is(src, t, "END"):
			d = max(d-1, 0)
		case afterEnd:
		case lex.Is(src, t, "BEGIN"), lex.Is(src, t, "LOOP"), lex.Is(src, t, "CASE"):
			d++
		case lex.Is(src, t, "IF") && statementStart(src, toks, i):
			d++
		}
		best = max(best, d)
	}
	return best
}

// statementStart reports whether toks[i] starts a PL/pgSQL statement:
// IF there is control flow, IF elsewhere is DDL's IF [NOT] EXISTS.
func statementStart(src []byte, toks []lex.Token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	switch p.Kind {
	case lex.Semicolon:
		return true
	case lex.Op:
		return src[p.Start] == '>' // <<label>>
	}
	for _, w := range []string{"THEN", "ELSE", "LOOP", "BEGIN"} {
		if lex.Is(src, p, w) {
			return true
		}
	}
	return false
}

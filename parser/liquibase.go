package parser

import (
	"regexp"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

var (
	lbChangeset = regexp.MustCompile(`^--\s*changeset\s+(\S+)(.*)$`)
	lbAttr      = regexp.MustCompile(`([A-Za-z]+):("[^"]*"|\S+)`)
	lbPrecond   = regexp.MustCompile(`^--\s*precondition-([a-z-]+)\b\s*(.*)$`)
	lbPreconds  = regexp.MustCompile(`^--\s*preconditions\b(.*)$`)
)

// precondition is one Liquibase precondition comment. The guard analysis
// reads the SQL of sql-check preconditions with the dialect parser.
type precondition struct {
	kind  string            // "sql-check", "table-exists", "view-exists", ...
	attrs map[string]string // expectedResult, tableName, schemaName, ...
	// sql is the query of a sql-check, at byte offset sqlAt.
	sql   string
	sqlAt int
	span  model.Span
	// markRan is true when the enclosing --preconditions says
	// onFail:MARK_RAN or onFail:CONTINUE: a failed check skips the
	// changeset instead of failing the update.
	markRan bool
}

// liquibase cuts a formatted-SQL file into changesets.
func (l *layout) liquibase(dirs []directive, src []byte) {
	var cur *model.Section
	onFail := ""
	l.delimiters = map[*model.Section]string{}
	l.preconditions = map[*model.Section][]precondition{}
	for _, d := range dirs {
		if m := lbChangeset.FindStringSubmatch(d.text); m != nil {
			if cur != nil {
				cur.Span.End = d.span.Start
			}
			attrs := attributes(m[2])
			cur = &model.Section{Kind: model.SectionUp, Name: m[1], Span: model.Span{Start: d.span.Start, End: len(src)},
				InTransaction: !strings.EqualFold(attrs["runInTransaction"], "false"), Attrs: attrs}
			switch {
			case strings.EqualFold(attrs["runAlways"], "true"):
				cur.Repeatable, cur.RepeatReason = true, "changeset "+m[1]+" has runAlways:true: Liquibase runs it on every update"
			case strings.EqualFold(attrs["runOnChange"], "true"):
				cur.Repeatable, cur.RepeatReason = true, "changeset "+m[1]+" has runOnChange:true: Liquibase re-runs it whenever it changes"
			}
			if d := attrs["endDelimiter"]; d != "" {
				l.delimiters[cur] = d
			}
			l.sections = append(l.sections, cur)
			onFail = ""
			continue
		}
		if cur == nil {
			continue
		}
		if m := lbPreconds.FindStringSubmatch(d.text); m != nil {
			onFail = strings.ToUpper(attributes(m[1])["onFail"])
			continue
		}
		if m := lbPrecond.FindStringSubmatch(d.text); m != nil {
			p := precondition{kind: m[1], span: d.span, markRan: onFail == "MARK_RAN" || onFail == "CONTINUE"}
			attrs, sql, at := leadingAttributes(m[2])
			p.attrs = attrs
			if p.kind == "sql-check" && sql != "" {
				p.sql = sql
				p.sqlAt = d.span.Start + strings.Index(d.text, m[2]) + at
			}
			l.preconditions[cur] = append(l.preconditions[cur], p)
		}
	}
}

// attributes reads name:value pairs; quoted values lose their quotes.
func attributes(s string) map[string]string {
	out := map[string]string{}
	for _, m := range lbAttr.FindAllStringSubmatch(s, -1) {
		out[m[1]] = strings.Trim(m[2], `"`)
	}
	return out
}

// leadingAttributes reads the name:value pairs at the start of s and
// returns the rest (a sql-check query) with its offset in s.
func leadingAttributes(s string) (map[string]string, string, int) {
	attrs := map[string]string{}
	pos := 0
	for {
		rest := s[pos:]
		trimmed := strings.TrimLeft(rest, " \t")
		loc := lbAttr.FindStringSubmatchIndex(trimmed)
		if loc == nil || loc[0] != 0 {
			skip := len(rest) - len(trimmed)
			return attrs, strings.TrimRight(trimmed, " \t\r"), pos + skip
		}
		attrs[trimmed[loc[2]:loc[3]]] = strings.Trim(trimmed[loc[4]:loc[5]], `"`)
		pos += len(rest) - len(trimmed) + loc[1]
	}
}

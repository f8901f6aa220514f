package parser

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/parser/model"
)

var (
	lbChangeset = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^--\s*changeset\s+(\S+)(.*)$`) })
	lbAttr      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`([A-Za-z]+):("[^"]*"|\S+)`) })
	lbPrecond   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^--\s*precondition-([a-z-]+)\b\s*(.*)$`) })
	lbPreconds  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^--\s*preconditions\b(.*)$`) })
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

// rollback is Liquibase rollback SQL written in comments: consecutive
// rollback comments (nothing but blanks and other comments between them)
// make one span, whose statements belong to sec, the changeset's down
// section. markup is the comment syntax around the SQL (the "--rollback "
// of each line, a "/* liquibase rollback" line and its "*/"), which the
// parsers see as blanks so that they read the SQL.
type rollback struct {
	span   model.Span
	sec    *model.Section
	markup []model.Span
}

// rollbackPart is one rollback comment: the whole comment, the SQL in it
// and the markup around that SQL.
type rollbackPart struct {
	span   model.Span
	sql    string
	markup []model.Span
}

// liquibase cuts a formatted-SQL file into changesets, each with a down
// section when it has rollback SQL. Liquibase sends each changeset's SQL
// on its own (split on its delimiter), so every changeset is a region, and
// so is the rollback SQL within it.
func (l *layout) liquibase(dirs []directive, comments []model.Span, src []byte) {
	var cur *model.Section
	var parts []rollbackPart
	onFail := ""
	l.preconditions = map[*model.Section][]precondition{}
	finish := func(end int) {
		if cur == nil {
			return
		}
		cur.Span.End = end
		l.changeset(cur, parts, comments, src)
		parts = nil
	}
	if len(dirs) > 0 {
		// Text before the first changeset is a part of its own.
		first := len(src)
		for _, d := range dirs {
			if lbChangeset().MatchString(d.text) {
				first = d.span.Start
				break
			}
		}
		if first > 0 {
			l.regions = append(l.regions, model.Region{Span: model.Span{End: first}})
		}
	}
	ci := 0 // the next comment that may open a multi-line rollback
	for _, d := range dirs {
		// Block comments before this directive: /* liquibase rollback */.
		for ; ci < len(comments) && comments[ci].Start < d.span.Start; ci++ {
			if cur != nil {
				if p, ok := rollbackBlock(src, comments[ci]); ok {
					parts = append(parts, p)
				}
			}
		}
		if m := lbChangeset().FindStringSubmatch(d.text); m != nil {
			finish(d.span.Start)
			attrs := attributes(m[2])
			cur = &model.Section{Kind: model.SectionUp, Name: m[1], Span: model.Span{Start: d.span.Start, End: len(src)},
				InTransaction: !strings.EqualFold(attrs["runInTransaction"], "false"), Attrs: attrs}
			switch {
			case strings.EqualFold(attrs["runAlways"], "true"):
				cur.Repeatable, cur.RepeatReason = true, "changeset "+m[1]+" has runAlways:true: Liquibase runs it on every update"
			case strings.EqualFold(attrs["runOnChange"], "true"):
				cur.Repeatable, cur.RepeatReason = true, "changeset "+m[1]+" has runOnChange:true: Liquibase re-runs it whenever it changes"
			}
			onFail = ""
			continue
		}
		if cur == nil {
			continue
		}
		if p, ok := rollbackLine(src, d.span); ok {
			parts = append(parts, p)
			continue
		}
		if m := lbPreconds().FindStringSubmatch(d.text); m != nil {
			onFail = strings.ToUpper(attributes(m[1])["onFail"])
			continue
		}
		if m := lbPrecond().FindStringSubmatch(d.text); m != nil {
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
	for ; ci < len(comments) && cur != nil; ci++ {
		if p, ok := rollbackBlock(src, comments[ci]); ok {
			parts = append(parts, p)
		}
	}
	finish(len(src))
}

// changeset files a finished changeset: its section, a down section for
// its rollback SQL, and its regions.
func (l *layout) changeset(cur *model.Section, parts []rollbackPart, comments []model.Span, src []byte) {
	l.sections = append(l.sections, cur)
	// Liquibase reads all the rollback comments of a changeset as one
	// text; "not required" or "empty" means there is none, and a text
	// naming changesetId points at another changeset's SQL.
	var all strings.Builder
	for _, p := range parts {
		all.WriteString(p.sql)
		all.WriteByte('\n')
	}
	text := strings.ToLower(strings.TrimSpace(all.String()))
	if strings.HasPrefix(text, "not required") || strings.HasPrefix(text, "empty") || strings.Contains(text, "changesetid") || text == "" {
		parts = nil
	}
	var groups []rollback
	for _, p := range parts {
		if n := len(groups); n > 0 && onlyComments(src, comments, groups[n-1].span.End, p.span.Start) {
			groups[n-1].span.End = p.span.End
			groups[n-1].markup = append(groups[n-1].markup, p.markup...)
		} else {
			groups = append(groups, rollback{span: p.span, markup: p.markup})
		}
	}
	if len(groups) > 0 {
		down := &model.Section{Kind: model.SectionDown, Name: cur.Name, InTransaction: cur.InTransaction, Attrs: cur.Attrs,
			Span: model.Span{Start: groups[0].span.Start, End: groups[len(groups)-1].span.End}}
		l.sections = append(l.sections, down)
		for i := range groups {
			groups[i].sec = down
		}
	}
	upDelim, downDelim := cur.Attrs["endDelimiter"], cur.Attrs["rollbackEndDelimiter"]
	from := cur.Span.Start
	for _, g := range groups {
		if g.span.Start > from {
			l.regions = append(l.regions, model.Region{Span: model.Span{Start: from, End: g.span.Start}, Delimiter: upDelim})
		}
		l.regions = append(l.regions, model.Region{Span: g.span, Delimiter: downDelim})
		l.rollbacks = append(l.rollbacks, g)
		from = g.span.End
	}
	if cur.Span.End > from {
		l.regions = append(l.regions, model.Region{Span: model.Span{Start: from, End: cur.Span.End}, Delimiter: upDelim})
	}
}

// lbRollbackLine is Liquibase's "--rollback <sql>" line; the line must
// hold nothing else before it, and one space ends the word "rollback".
var lbRollbackLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^--\s*rollback `) })

// rollbackLine reads a "--rollback SQL" comment.
func rollbackLine(src []byte, c model.Span) (rollbackPart, bool) {
	raw := src[c.Start:c.End]
	m := lbRollbackLine().FindIndex(raw)
	if m == nil || !startsLine(src, c.Start) {
		return rollbackPart{}, false
	}
	return rollbackPart{span: c, sql: string(raw[m[1]:]), markup: []model.Span{{Start: c.Start, End: c.Start + m[1]}}}, true
}

// lbRollbackBlock is the first line of a multi-line rollback comment.
var lbRollbackBlock = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^/\*\s*liquibase\s*rollback[ \t\r]*\n`) })

// rollbackBlock reads a "/* liquibase rollback" comment: its lines up to
// the closing "*/" are rollback SQL. Liquibase ends it at the first line
// that ends with "*/"; a comment the lexer closes elsewhere is left alone.
func rollbackBlock(src []byte, c model.Span) (rollbackPart, bool) {
	raw := src[c.Start:c.End]
	m := lbRollbackBlock().FindIndex(raw)
	if m == nil || !startsLine(src, c.Start) || !strings.HasSuffix(string(raw), "*/") || len(raw)-2 < m[1] {
		return rollbackPart{}, false
	}
	if !endsLine(src, c.End) || strings.Contains(string(raw[m[1]:len(raw)-2]), "*/") {
		return rollbackPart{}, false
	}
	return rollbackPart{span: c, sql: string(raw[m[1] : len(raw)-2]), markup: []model.Span{
		{Start: c.Start, End: c.Start + m[1] - 1},
		{Start: c.End - 2, End: c.End},
	}}, true
}

// startsLine reports whether only blanks stand between the start of the
// line and off.
func startsLine(src []byte, off int) bool { return blanksToLineEnd(src, off-1, -1) }

// endsLine reports whether only blanks stand between off and the end of
// its line.
func endsLine(src []byte, off int) bool { return blanksToLineEnd(src, off, 1) }

// blanksToLineEnd walks from i by step and reports whether only blanks
// come before a line break or the edge of src.
func blanksToLineEnd(src []byte, i, step int) bool {
	for ; i >= 0 && i < len(src); i += step {
		switch src[i] {
		case ' ', '\t':
		case '\n', '\r':
			return true
		default:
			return false
		}
	}
	return true
}

// onlyComments reports whether src[from:to] holds nothing but blanks and
// comments.
func onlyComments(src []byte, comments []model.Span, from, to int) bool {
	i := sort.Search(len(comments), func(i int) bool { return comments[i].End > from })
	for at := from; at < to; {
		if i < len(comments) && comments[i].Start <= at && at < comments[i].End {
			at = comments[i].End
			i++
			continue
		}
		switch src[at] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			at++
		default:
			return false
		}
	}
	return true
}

// attributes reads name:value pairs; quoted values lose their quotes.
func attributes(s string) map[string]string {
	out := map[string]string{}
	for _, m := range lbAttr().FindAllStringSubmatch(s, -1) {
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
		loc := lbAttr().FindStringSubmatchIndex(trimmed)
		if loc == nil || loc[0] != 0 {
			skip := len(rest) - len(trimmed)
			return attrs, strings.TrimRight(trimmed, " \t\r"), pos + skip
		}
		attrs[trimmed[loc[2]:loc[3]]] = strings.Trim(trimmed[loc[4]:loc[5]], `"`)
		pos += len(rest) - len(trimmed) + loc[1]
	}
}

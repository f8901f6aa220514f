package fix

import (
	"bytes"
	"fmt"
	"sort"
	"unicode"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// File fixes a linted file, or refuses to touch it. A fix is only as good
// as the parser's reading of the file: where it rejected a statement,
// failed, or left text it could not place, an edit computed from its
// spans may land in text that is not SQL at all. So a file with a syntax
// error, an invalid-input or internal-error finding, a statement the
// parser did not read, or unread text is not fixed (refused says why).
// In a file it may fix, an edit that leaves the statements the parser
// read or touches text that is not SQL (psql COPY data rows and
// meta-commands, Script.Regions) is skipped with its whole fix.
//
// findings are all the file's findings, before a baseline hides any: a
// hidden syntax error still means the parser did not read the file.
func File(s *model.Script, findings []rules.Finding) (res Result, refused string) {
	if s == nil {
		return Result{}, "it was not parsed"
	}
	if why := Refusal(s, findings); why != "" {
		return Result{Source: s.Source}, why
	}
	var ok, outside []rules.Finding
	for _, f := range findings {
		if f.Fix != nil && (!inStatements(s, f.Fix.Edits) || inData(s, f.Fix.Edits)) {
			outside = append(outside, f)
			continue
		}
		ok = append(ok, f)
	}
	res = Apply(s.Source, ok)
	res.Skipped = append(res.Skipped, outside...)
	return res, ""
}

// Refusal says why a file must not be fixed at all, or "" when it may be.
func Refusal(s *model.Script, findings []rules.Finding) string {
	for _, f := range findings {
		switch f.Rule {
		case rules.InternalError:
			return "internal-error finding"
		case rules.SyntaxError, rules.InvalidInput:
			return fmt.Sprintf("%s finding at %s", f.Rule.ID, where(s, f.Span.Start))
		}
	}
	if s.Crash != "" {
		return "the parser failed on it"
	}
	// Syntax errors the configuration disabled or a comment suppressed
	// count too: the parser still did not read the statement.
	var bad *model.Statement
	s.Walk(func(st *model.Statement) {
		if bad == nil && st.Err != nil {
			bad = st
		}
	})
	if bad != nil {
		switch bad.Err.Kind {
		case model.ErrLimit:
			return fmt.Sprintf("the statement at %s is beyond the linter's bounds", where(s, bad.Err.Pos))
		case model.ErrInternal:
			return fmt.Sprintf("the parser failed on the statement at %s", where(s, bad.Err.Pos))
		}
		return fmt.Sprintf("the parser rejected the statement at %s", where(s, bad.Err.Pos))
	}
	if off := Unread(s); off >= 0 {
		return fmt.Sprintf("the parser did not read the text at %s", where(s, off))
	}
	return ""
}

func where(s *model.Script, off int) string {
	if s.Lines == nil {
		return fmt.Sprintf("byte %d", off)
	}
	return fmt.Sprintf("line %d", s.Lines.Position(off).Line)
}

// Unread returns the offset of the first text that is neither in a
// top-level statement, a comment or a region the parser marked as not SQL
// (Script.Regions), nor a blank, a stray semicolon, a leading byte order
// mark or a MySQL client DELIMITER command; -1 when the parser placed
// every byte.
func Unread(s *model.Script) int {
	spans := make([]model.Span, 0, len(s.Statements)+len(s.Comments)+len(s.Regions))
	for _, st := range s.Statements {
		spans = append(spans, st.Span)
	}
	spans = append(spans, s.Comments...)
	for _, r := range s.Regions {
		spans = append(spans, r.Span)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	src := s.Source
	at := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		at = 3
	}
	for _, sp := range append(spans, model.Span{Start: len(src), End: len(src)}) {
		if sp.Start > at {
			if off := unreadIn(s, at, min(sp.Start, len(src))); off >= 0 {
				return off
			}
		}
		at = max(at, sp.End)
	}
	return -1
}

// unreadIn checks the gap src[from:to] line by line.
func unreadIn(s *model.Script, from, to int) int {
	for from < to {
		end := to
		if i := bytes.IndexByte(s.Source[from:to], '\n'); i >= 0 {
			end = from + i + 1
		}
		line := s.Source[from:end]
		if s.Dialect.MySQLFamily() && isDelimiterCommand(line) {
			from = end
			continue
		}
		if i := bytes.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) && r != ';' }); i >= 0 {
			return from + i
		}
		from = end
	}
	return -1
}

// isDelimiterCommand reports whether a line is the mysql client's
// "DELIMITER xx", which the MySQL splitter reads and keeps out of the
// statements.
func isDelimiterCommand(line []byte) bool {
	line = bytes.TrimLeftFunc(line, unicode.IsSpace)
	const word = "delimiter"
	return len(line) > len(word) && bytes.EqualFold(line[:len(word)], []byte(word)) &&
		(line[len(word)] == ' ' || line[len(word)] == '\t')
}

// inStatements reports whether every edit lies within one top-level
// statement (an insertion may sit at either end of it). Statements come
// in source order and do not overlap: the last one starting at or before
// an edit is the only one that can hold it.
func inStatements(s *model.Script, edits []model.Edit) bool {
	for _, e := range edits {
		i := sort.Search(len(s.Statements), func(i int) bool { return s.Statements[i].Span.Start > e.Start }) - 1
		if i < 0 || e.End > s.Statements[i].Span.End {
			return false
		}
	}
	return true
}

// inData reports whether an edit touches a region that is not SQL; an
// insertion at either end of one counts, since it would join the text of
// a data row or a meta-command line. Regions come in source order.
func inData(s *model.Script, edits []model.Edit) bool {
	for _, e := range edits {
		i := sort.Search(len(s.Regions), func(i int) bool { return s.Regions[i].Span.End >= e.Start })
		for ; i < len(s.Regions) && s.Regions[i].Span.Start <= e.End; i++ {
			if s.Regions[i].Kind != model.RegionFramework {
				return true
			}
		}
	}
	return false
}

package lsp

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// hover shows, over a diagnostic, the finding and its rule's page (the
// Markdown of idemlint explain). nil (JSON null) anywhere else, and while
// the text is being linted again.
func (s *server) hover(p textDocumentPositionParams) *hover {
	r := s.current(p.TextDocument.URI)
	if r == nil {
		return nil
	}
	var b strings.Builder
	var at *lspRange
	shown := map[*rules.Rule]bool{}
	for i, f := range r.findings {
		rg := r.diags[i].Range
		if !inside(p.Position, rg) {
			continue
		}
		if at == nil {
			at = &rg
		}
		if b.Len() > 0 {
			b.WriteString("\n\n---\n\n")
		}
		// Text from the file (names in messages) is escaped: it must
		// not turn into links, code or HTML.
		fmt.Fprintf(&b, "**%s** (%s): %s", f.Rule.ID, f.Severity, mdText(f.Message))
		if f.Help != "" {
			fmt.Fprintf(&b, "\n\nhelp: %s", mdText(f.Help))
		}
		if !shown[f.Rule] {
			shown[f.Rule] = true
			b.WriteString("\n\n---\n\n")
			b.WriteString(rules.Markdown(f.Rule))
		}
	}
	if at == nil {
		return nil
	}
	return &hover{Contents: markupContent{Kind: "markdown", Value: b.String()}, Range: at}
}

// mdText escapes the characters that would make a message quoting SQL
// (SELECT *, arrays[1], <stdin>) emphasis, links, code or HTML in
// Markdown. An underscore inside a word (created_at) is no emphasis in
// CommonMark and stays as it is, for clients that show escapes.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*[]<>", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// codeActions offers, for each finding the range touches, the fix --fix
// would make and a suppression comment with a reason to fill in; and all
// of the file's fixes at once (source.fixAll.idemlint) when it has more
// than one or the client asks for that kind.
func (s *server) codeActions(p codeActionParams) []codeAction {
	out := []codeAction{}
	r := s.current(p.TextDocument.URI)
	if r == nil || r.problem != "" {
		return out
	}
	want := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, o := range p.Context.Only {
			if kind == o || strings.HasPrefix(kind, o+".") {
				return true
			}
		}
		return false
	}
	uri := p.TextDocument.URI
	edit := func(edits []model.Edit) *workspaceEdit {
		te := make([]textEdit, len(edits))
		for i, e := range edits {
			te[i] = textEdit{Range: spanRange(r.script, model.Span{Start: e.Start, End: e.End}), NewText: e.Text}
			if e.Start == e.End {
				// An insertion: spanRange widens an empty span.
				te[i].Range.End = te[i].Range.Start
			}
		}
		return &workspaceEdit{Changes: map[string][]textEdit{uri: te}}
	}
	fixOf := func(i int) []model.Edit {
		if i < len(r.fixes) {
			return r.fixes[i]
		}
		return nil // a file not linted (too large) has no fixes
	}
	fixable := 0
	for i := range r.findings {
		if fixOf(i) != nil {
			fixable++
		}
	}
	touched := false
	for i, f := range r.findings {
		d := r.diags[i]
		if !overlaps(d.Range, p.Range) || !want(kindQuickFix) {
			continue
		}
		if fixOf(i) != nil {
			touched = true
			title := "Fix: " + f.Fix.Message
			if f.Fix.Message == "" {
				title = "Fix " + f.Rule.ID
			}
			out = append(out, codeAction{Title: title + " (" + f.Rule.ID + ")", Kind: kindQuickFix,
				Diagnostics: []diagnostic{d}, IsPreferred: true, Edit: edit(fixOf(i))})
		}
		if e, ok := suppression(r.script, f); ok {
			out = append(out, codeAction{Title: "Suppress " + f.Rule.ID + " here, with a reason", Kind: kindQuickFix,
				Diagnostics: []diagnostic{d}, Edit: edit([]model.Edit{e})})
		}
	}
	asked := false
	for _, o := range p.Context.Only {
		asked = asked || strings.HasPrefix(kindFixAll, o) && o != ""
	}
	if len(r.fixAll) > 0 && want(kindFixAll) && (asked || fixable > 1 && touched) {
		out = append(out, codeAction{Title: fmt.Sprintf("Fix all %d idemlint findings with a fix", fixable),
			Kind: kindFixAll, Edit: edit(r.fixAll)})
	}
	return out
}

// noSuppression are the rules a comment cannot silence or should not:
// the meta findings about suppressions come after them, an internal
// error means the file was not checked, invalid input was never parsed.
var noSuppression = map[*rules.Rule]bool{rules.InternalError: true, rules.InvalidInput: true,
	rules.InvalidSuppression: true, rules.UnusedSuppression: true}

// reasonPlaceholder is what the suppression comment says until the user
// writes the reason; the rule pages show the same.
const reasonPlaceholder = "<reason>"

// suppression is the edit that silences f with the comment the engine
// reads (rules.ParseSuppression): "-- idemlint:ignore RULE -- <reason>"
// on a line of its own above the statement (the outermost one, for a
// finding in a DO block or a procedure), indented like it. When the
// statement's line starts inside other text (a string or comment that
// began on an earlier line), a line inserted there would change that
// text: the comment goes in front of the statement instead, as
// /* idemlint:ignore RULE -- <reason> */.
func suppression(s *model.Script, f rules.Finding) (model.Edit, bool) {
	if noSuppression[f.Rule] {
		return model.Edit{}, false
	}
	at := f.Span.Start
	if st := f.Stmt; st != nil {
		for st.Parent != nil {
			st = st.Parent
		}
		at = st.Span.Start
	}
	line := s.Lines.Line(at)
	start := s.Lines.LineStart(line)
	if line == 1 && bytes.HasPrefix(s.Source, []byte("\xEF\xBB\xBF")) {
		start = 3
	}
	text := "idemlint:ignore " + f.Rule.ID + " -- " + reasonPlaceholder
	if splits(s, start) {
		return model.Edit{Start: at, End: at, Text: "/* " + text + " */ "}, true
	}
	lineText := s.Lines.LineText(line)
	indent := lineText[:len(lineText)-len(strings.TrimLeft(lineText, " \t"))]
	return model.Edit{Start: start, End: start, Text: indent + "-- " + text + lineBreak(s.Source, start)}, true
}

// splits reports whether off lies inside a statement or comment that
// starts before it.
func splits(s *model.Script, off int) bool {
	for _, st := range s.Statements {
		if st.Span.Start < off && off < st.Span.End {
			return true
		}
	}
	for _, c := range s.Comments {
		if c.Start < off && off < c.End {
			return true
		}
	}
	return false
}

// lineBreak is the line ending of the line at off, or the file's first
// one, or LF: an inserted line keeps the file's style.
func lineBreak(src []byte, off int) string {
	if i := bytes.IndexAny(src[off:], "\r\n"); i >= 0 {
		return eolAt(src, off+i)
	}
	if i := bytes.IndexAny(src, "\r\n"); i >= 0 {
		return eolAt(src, i)
	}
	return "\n"
}

func eolAt(src []byte, i int) string {
	if src[i] == '\n' {
		return "\n"
	}
	if i+1 < len(src) && src[i+1] == '\n' {
		return "\r\n"
	}
	return "\r"
}

func before(a, b position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// inside reports whether p lies in r, both ends included: a cursor right
// after the underlined text still hovers it.
func inside(p position, r lspRange) bool {
	return !before(p, r.Start) && !before(r.End, p)
}

// overlaps reports whether two ranges share a position, ends included: a
// cursor (an empty range) at a diagnostic's edge still gets its actions.
func overlaps(a, b lspRange) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

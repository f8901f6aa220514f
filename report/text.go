package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

func init() { register("text", writeText) }

// ANSI SGR codes; one small helper instead of a colour library.
const (
	sgrBold   = "1"
	sgrDim    = "2"
	sgrRed    = "1;31"
	sgrYellow = "1;33"
	sgrBlue   = "1;34"
	sgrGreen  = "1;32"
	sgrCyan   = "36"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// maxShown is how many characters of a long source line are shown around
// the caret; minified SQL can put a whole file on one line.
const maxShown = 160

// writeText writes one block per finding,
//
//	path:line:col: severity: message [rule-id]
//	    offending source line
//	    ^^^^
//	  help: what to do
//
// and a summary line at the end.
func writeText(w io.Writer, files []File, opt Options) error {
	bw := bufio.NewWriter(w)
	p := painter(opt.Color)
	for _, f := range files {
		for i := range f.Findings {
			writeTextFinding(bw, p, f.Script, &f.Findings[i])
		}
	}
	writeTextSummary(bw, p, summarize(files, opt))
	return bw.Flush()
}

func writeTextFinding(w *bufio.Writer, p painter, s *model.Script, f *rules.Finding) {
	sp := span(s, f.Span)
	start := positionOf(s, sp.Start)
	end := positionOf(s, sp.End)
	sev := severityOf(f)
	code := sgrBlue
	switch sev {
	case rules.Error:
		code = sgrRed
	case rules.Warning:
		code = sgrYellow
	}
	fmt.Fprintf(w, "%s: %s: %s %s\n",
		p.paint(sgrBold, fmt.Sprintf("%s:%d:%d", oneLine(s.Path), start.Line, start.Column)),
		p.paint(code, sev.String()), oneLine(f.Message), p.paint(sgrDim, "["+f.Rule.ID+"]"))

	line := s.Lines.LineText(start.Line)
	// Carets run to the end of the span on its first line, at least one.
	width := 1
	if end.Line == start.Line && end.Column > start.Column {
		width = end.Column - start.Column
	} else if end.Line > start.Line {
		width = max(1, utf8.RuneCountInString(line)-start.Column+1)
	}
	if src, caret, ok := excerpt(line, start.Column, width); ok {
		fmt.Fprintf(w, "    %s\n    %s\n", src, p.paint(sgrGreen, caret))
	}
	if h := helpOf(f); h != "" {
		fmt.Fprintf(w, "  %s %s\n", p.paint(sgrCyan, "help:"), oneLine(h))
	}
}

// excerpt returns the source line (cut down to a window around the caret
// when long) and the caret line under it. Tabs in the source are repeated
// in the caret line so that both expand alike. ok is false for a blank
// line, where a caret would point at nothing.
func excerpt(line string, col, width int) (src, caret string, ok bool) {
	runes := []rune(sanitize(line, true))
	if strings.TrimSpace(string(runes)) == "" && col > len(runes) {
		return "", "", false
	}
	from, to := 0, len(runes)
	lead, tail := "", ""
	if to > maxShown {
		from = max(0, min(col-1-maxShown/4, to-maxShown))
		to = min(to, from+maxShown)
		if from > 0 {
			lead = "..."
		}
		if to < len(runes) {
			tail = "..."
		}
	}
	var c strings.Builder
	c.WriteString(strings.Repeat(" ", len(lead)))
	for i := from; i < col-1 && i < to; i++ {
		if runes[i] == '\t' {
			c.WriteByte('\t')
		} else {
			c.WriteByte(' ')
		}
	}
	// A span past the end of the line (a missing token at the end of
	// input) still gets one caret, right after the last character.
	n := max(1, min(width, to-(col-1)))
	c.WriteString(strings.Repeat("^", n))
	return lead + string(runes[from:to]) + tail, c.String(), true
}

func writeTextSummary(w io.Writer, p painter, s Summary) {
	hidden := ""
	if s.Baselined > 0 {
		hidden = fmt.Sprintf("; %d hidden by the baseline", s.Baselined)
	}
	if s.Findings == 0 {
		fmt.Fprintf(w, "%s (%s checked%s)\n", p.paint(sgrGreen, "no findings"), plural(s.Files, "file", "files"), hidden)
		return
	}
	var parts []string
	if s.Errors > 0 {
		parts = append(parts, p.paint(sgrRed, plural(s.Errors, "error", "errors")))
	}
	if s.Warnings > 0 {
		parts = append(parts, p.paint(sgrYellow, plural(s.Warnings, "warning", "warnings")))
	}
	if s.Infos > 0 {
		parts = append(parts, p.paint(sgrBlue, plural(s.Infos, "info", "info")))
	}
	fmt.Fprintf(w, "%s (%s) in %s of %s checked",
		plural(s.Findings, "finding", "findings"), strings.Join(parts, ", "),
		plural(s.Affected, "file", "files"), fmt.Sprint(s.Files))
	if s.Fixable > 0 {
		fmt.Fprintf(w, "; %d fixable with --fix", s.Fixable)
	}
	fmt.Fprintf(w, "%s\n", hidden)
}

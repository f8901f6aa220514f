package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/idemlint/idemlint/internal/safetext"
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

// writeText writes one block per finding, with the source line in a
// gutter the way compilers show it,
//
//	path:line:col: severity: message [rule-id]
//	  12 | offending source line
//	     |           ^^^^
//	  help: what to do
//
// and a summary line at the end. Every line starts with text idemlint
// chose (the escaped path, the gutter, "help:"), never with text from the
// file: a CI runner trims leading blanks and obeys a line that then
// starts with "::".
func writeText(w io.Writer, files []File, opt Options) error {
	st := &Stream{opt: opt, w: w, text: bufio.NewWriter(w)}
	for _, f := range files {
		if err := st.Add(f); err != nil {
			return err
		}
	}
	return st.Close(opt.Baselined, opt.Unreadable)
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
		p.paint(sgrBold, fmt.Sprintf("%s:%d:%d", safetext.Path(s.Path), start.Line, start.Column)),
		p.paint(code, sev.String()), safetext.Inline(f.Message), p.paint(sgrDim, "["+f.Rule.ID+"]"))

	line := s.Lines.LineText(start.Line)
	// Carets run to the end of the span on its first line, at least one.
	width := 1
	if end.Line == start.Line && end.Column > start.Column {
		width = end.Column - start.Column
	} else if end.Line > start.Line {
		width = max(1, utf8.RuneCountInString(line)-start.Column+1)
	}
	if src, caret, ok := excerpt(line, start.Column, width); ok {
		num := fmt.Sprintf("%*d", gutterWidth, start.Line)
		blank := strings.Repeat(" ", len(num))
		fmt.Fprintf(w, "%s %s\n%s %s\n", p.paint(sgrDim, num+" |"), src,
			p.paint(sgrDim, blank+" |"), p.paint(sgrGreen, caret))
	}
	if h := helpOf(f); h != "" {
		fmt.Fprintf(w, "  %s %s\n", p.paint(sgrCyan, "help:"), safetext.Inline(h))
	}
}

// gutterWidth is the least width of the line number in the gutter.
const gutterWidth = 4

// excerpt returns the source line (cut down to a window around the caret
// when long) and the caret line under it. Characters that could disturb
// a terminal or a CI log are shown escaped (safetext.Excerpt), and the
// carets widen with them, so that they still sit under the characters
// the column counts. Tabs in the source are repeated in the caret line so
// that both expand alike. ok is false for a blank line, where a caret
// would point at nothing.
func excerpt(line string, col, width int) (src, caret string, ok bool) {
	if n := len(line); n <= maxShown && printableASCII(line) && !strings.Contains(line, safetext.LegacyCommand) && strings.TrimSpace(line) != "" {
		// Every character is shown as it is, one cell each.
		carets := max(0, min(n, col-1+width)-(col-1))
		return line, strings.Repeat(" ", max(0, min(col-1, n))) + strings.Repeat("^", max(1, carets)), true
	}
	return excerptRunes(line, col, width)
}

// printableASCII reports whether s holds only the characters from space
// to tilde.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// excerptRunes is excerpt for any line, character by character.
func excerptRunes(line string, col, width int) (src, caret string, ok bool) {
	// Columns count characters; a byte that is not UTF-8 counts as one,
	// as it does for model.Lines.
	n := utf8.RuneCountInString(line)
	if strings.TrimSpace(line) == "" && col > n {
		return "", "", false
	}
	from, to := 0, n
	lead, tail := "", ""
	if to > maxShown {
		from = max(0, min(col-1-maxShown/4, to-maxShown))
		to = min(to, from+maxShown)
		if from > 0 {
			lead = "..."
		}
		if to < n {
			tail = "..."
		}
	}
	var b, c strings.Builder
	b.WriteString(lead)
	c.WriteString(strings.Repeat(" ", len(lead)))
	carets := 0
	for i, k := 0, 0; i < len(line) && k < to; k++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		ch := line[i : i+size]
		i += size
		if k < from {
			continue
		}
		shown := safetext.Excerpt(ch)
		if at := i - size; ch == "[" && at >= 2 && line[at-2:at] == "##" {
			shown = safetext.Excerpt(line[at-2 : i])[2:] // the runner's "##[command]" form
		}
		b.WriteString(shown)
		cells := utf8.RuneCountInString(shown)
		switch {
		case k < col-1 && shown == "\t":
			c.WriteByte('\t')
		case k < col-1:
			c.WriteString(strings.Repeat(" ", cells))
		case k < col-1+width:
			carets += cells
		}
	}
	// A span past the end of the line (a missing token at the end of
	// input) still gets one caret, right after the last character.
	c.WriteString(strings.Repeat("^", max(1, carets)))
	b.WriteString(tail)
	return b.String(), c.String(), true
}

func writeTextSummary(w io.Writer, p painter, s Summary) {
	extra := ""
	if s.Baselined > 0 {
		extra = fmt.Sprintf("; %d hidden by the baseline", s.Baselined)
	}
	if s.Unreadable > 0 {
		extra += fmt.Sprintf("; %s could not be read", plural(s.Unreadable, "path", "paths"))
	}
	if s.Findings == 0 {
		clean := "no findings"
		if s.Unreadable == 0 {
			clean = p.paint(sgrGreen, clean)
		}
		fmt.Fprintf(w, "%s (%s checked%s)\n", clean, plural(s.Files, "file", "files"), extra)
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
	fmt.Fprintf(w, "%s\n", extra)
}

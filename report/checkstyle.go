package report

import (
	"encoding/xml"
	"io"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/rules"
)

func init() { register("checkstyle", writeCheckstyle) }

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyle writes Checkstyle XML, which CI servers and review bots
// (Jenkins, reviewdog) read: every file checked, with one error element
// per finding. Sources are "idemlint.<rule-id>", Checkstyle's dotted habit.
// File names stay as they are, for tools to open (encoding/xml escapes
// them); messages are for people and go through safetext.
func writeCheckstyle(w io.Writer, files []File, opt Options) error {
	rep := checkstyleReport{Version: "4.3", Files: []checkstyleFile{}}
	for _, f := range files {
		s := f.Script
		cf := checkstyleFile{Name: s.Path}
		for i := range f.Findings {
			x := &f.Findings[i]
			pos := positionOf(s, span(s, x.Span).Start)
			msg := x.Message
			if h := helpOf(x); h != "" {
				msg += " (" + h + ")"
			}
			cf.Errors = append(cf.Errors, checkstyleError{Line: pos.Line, Column: pos.Column,
				Severity: checkstyleSeverity(severityOf(x)), Message: safetext.Inline(msg), Source: "idemlint." + x.Rule.ID})
		}
		rep.Files = append(rep.Files, cf)
	}
	return writeXML(w, rep)
}

func checkstyleSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "info"
}

// writeXML writes an indented document with its declaration. encoding/xml
// escapes what it writes and replaces characters XML 1.0 cannot hold.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/idemlint/idemlint/internal/safetext"
)

func init() { register("junit", writeJUnit) }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	File      string         `xml:"file,attr"`
	Failures  []junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes JUnit XML for CI test views (GitLab, Jenkins, Azure):
// one test case per file, failing with one failure element per finding.
// The failure counts count failing test cases (files), as JUnit's do.
func writeJUnit(w io.Writer, files []File, opt Options) error {
	suite := junitSuite{Name: "idemlint", Cases: []junitCase{}}
	for _, f := range files {
		s := f.Script
		// The file attribute is for tools to open; the name and the texts
		// are for people.
		shown := safetext.Inline(s.Path)
		c := junitCase{Name: shown, Classname: "idemlint", File: s.Path}
		for i := range f.Findings {
			x := &f.Findings[i]
			pos := positionOf(s, span(s, x.Span).Start)
			var body strings.Builder
			msg := safetext.Inline(x.Message)
			fmt.Fprintf(&body, "%s:%d:%d: %s: %s [%s]", shown, pos.Line, pos.Column, severityOf(x), msg, x.Rule.ID)
			if h := helpOf(x); h != "" {
				fmt.Fprintf(&body, "\nhelp: %s", safetext.Inline(h))
			}
			fmt.Fprintf(&body, "\n%s", x.Rule.HelpURI())
			c.Failures = append(c.Failures, junitFailure{
				Message: fmt.Sprintf("%d:%d: %s", pos.Line, pos.Column, msg),
				Type:    x.Rule.ID,
				Text:    body.String(),
			})
		}
		suite.Tests++
		if len(c.Failures) > 0 {
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	return writeXML(w, junitSuites{Name: "idemlint", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}})
}

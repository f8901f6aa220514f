package report

import (
	"encoding/json"
	"io"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

func init() { register("json", writeJSON) }

// JSONVersion is the version of the JSON shape documented in
// docs/json-format.md. It changes only when a field is removed or changes
// meaning; new fields may appear without a change.
const JSONVersion = 1

// The types below are the documented shape, not internal structs: field
// order is the order written, and every position is 1-based.

type jsonReport struct {
	Version  int           `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Files    []jsonFile    `json:"files"`
	Findings []jsonFinding `json:"findings"`
	Summary  Summary       `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"uri"`
}

type jsonFile struct {
	Path           string        `json:"path"`
	Dialect        string        `json:"dialect"`
	DialectReason  string        `json:"dialect_reason"`
	DialectGuessed bool          `json:"dialect_guessed"`
	Framework      string        `json:"framework"`
	Skipped        bool          `json:"skipped"`
	SkipReason     string        `json:"skip_reason,omitempty"`
	Sections       []jsonSection `json:"sections"`
	Findings       int           `json:"findings"`
}

type jsonSection struct {
	Kind          string            `json:"kind"`
	Name          string            `json:"name,omitempty"`
	Start         jsonPos           `json:"start"`
	End           jsonPos           `json:"end"`
	InTransaction bool              `json:"in_transaction"`
	Repeatable    bool              `json:"repeatable"`
	RepeatReason  string            `json:"repeat_reason,omitempty"`
	Attributes    map[string]string `json:"attributes,omitempty"`
}

type jsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

type jsonFinding struct {
	Rule      string   `json:"rule"`
	Severity  string   `json:"severity"`
	Category  string   `json:"category"`
	Message   string   `json:"message"`
	Help      string   `json:"help"`
	HelpURI   string   `json:"help_uri"`
	Path      string   `json:"path"`
	Start     jsonPos  `json:"start"`
	End       jsonPos  `json:"end"`
	Statement string   `json:"statement,omitempty"`
	Fix       *jsonFix `json:"fix,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Start jsonPos `json:"start"`
	End   jsonPos `json:"end"`
	Text  string  `json:"text"`
}

func writeJSON(w io.Writer, files []File, opt Options) error {
	out := jsonReport{
		Version:  JSONVersion,
		Tool:     jsonTool{Name: "idemlint", Version: opt.Version, URI: "https://github.com/idemlint/idemlint"},
		Files:    make([]jsonFile, 0, len(files)),
		Findings: []jsonFinding{},
		Summary:  summarize(files, opt),
	}
	for _, f := range files {
		s := f.Script
		jf := jsonFile{
			Path:           s.Path,
			Dialect:        s.Dialect.String(),
			DialectReason:  s.DialectReason,
			DialectGuessed: s.DialectGuessed,
			Framework:      frameworkName(s.Framework),
			Sections:       []jsonSection{},
			Findings:       len(f.Findings),
			Skipped:        s.Skipped != "",
			SkipReason:     s.Skipped,
		}
		for _, sec := range s.Sections {
			sp := span(s, sec.Span)
			jf.Sections = append(jf.Sections, jsonSection{
				Kind: sec.Kind.String(), Name: sec.Name,
				Start: jsonPosition(s, sp.Start), End: jsonPosition(s, sp.End),
				InTransaction: sec.InTransaction, Repeatable: sec.Repeatable, RepeatReason: sec.RepeatReason,
				Attributes: sec.Attrs,
			})
		}
		for i := range f.Findings {
			x := &f.Findings[i]
			if x.Rule.ID == rules.InvalidInput.ID {
				jf.Skipped = true
			}
			out.Findings = append(out.Findings, jsonFindingOf(s, x))
		}
		out.Files = append(out.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Keep <, > and & as written: SQL is full of them and nobody embeds
	// this output in HTML.
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func jsonFindingOf(s *model.Script, x *rules.Finding) jsonFinding {
	sp := span(s, x.Span)
	jf := jsonFinding{
		Rule:     x.Rule.ID,
		Severity: severityOf(x).String(),
		Category: string(x.Rule.Category),
		Message:  x.Message,
		Help:     helpOf(x),
		HelpURI:  x.Rule.HelpURI(),
		Path:     s.Path,
		Start:    jsonPosition(s, sp.Start),
		End:      jsonPosition(s, sp.End),
	}
	if x.Stmt != nil {
		jf.Statement = x.Stmt.Tag
	}
	if x.Fix != nil && len(x.Fix.Edits) > 0 {
		fx := &jsonFix{Message: x.Fix.Message, Edits: make([]jsonEdit, 0, len(x.Fix.Edits))}
		for _, e := range x.Fix.Edits {
			es := span(s, model.Span{Start: e.Start, End: e.End})
			fx.Edits = append(fx.Edits, jsonEdit{Start: jsonPosition(s, es.Start), End: jsonPosition(s, es.End), Text: e.Text})
		}
		jf.Fix = fx
	}
	return jf
}

func jsonPosition(s *model.Script, off int) jsonPos {
	p := positionOf(s, off)
	return jsonPos{Line: p.Line, Column: p.Column, Offset: off}
}

// frameworkName is how the formats name a file's framework; "none" for a
// file no framework manages.
func frameworkName(f model.Framework) string {
	if f == model.FrameworkNone || f == model.FrameworkUndefined {
		return "none"
	}
	return string(f)
}

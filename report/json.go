package report

import (
	"bufio"
	"bytes"
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
// order is the order written (the top level's in jsonCollector.write), and
// every position is 1-based.

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

// writeJSON writes the documented shape.
func writeJSON(w io.Writer, files []File, opt Options) error {
	var c jsonCollector
	for _, f := range files {
		if err := c.add(f); err != nil {
			return err
		}
	}
	return c.write(w, summarize(files, opt), opt)
}

// jsonCollector keeps a run's files and findings rendered as they come,
// each the indented JSON text of one list element, in spools: neither
// parse trees nor texts outlive their file, and memory does not grow with
// the number of files.
type jsonCollector struct {
	out               jsonOut
	files, findings   spool
	nFiles, nFindings int
}

func (c *jsonCollector) add(f File) error {
	jf := jsonFileOf(f)
	if err := c.element(&c.files, c.nFiles, jf.appendTo); err != nil {
		return err
	}
	c.nFiles++
	for i := range f.Findings {
		x := jsonFindingOf(f.Script, &f.Findings[i])
		if err := c.element(&c.findings, c.nFindings, x.appendTo); err != nil {
			return err
		}
		c.nFindings++
	}
	return nil
}

// element appends the k-th element of a list to out, indented for its
// depth in the document, after a separator from the one before.
func (c *jsonCollector) element(out *spool, k int, render func(*jsonOut)) error {
	c.out.b, c.out.prefix, c.out.depth = c.out.b[:0], "    ", 0
	if k > 0 {
		c.out.b = append(c.out.b, ",\n"...)
	}
	c.out.b = append(c.out.b, "    "...)
	render(&c.out)
	_, err := out.Write(c.out.b)
	return err
}

// write writes the document: the kept elements, then the summary.
func (c *jsonCollector) write(w io.Writer, sum Summary, opt Options) error {
	jw := newJSONWriter(w)
	jw.raw("{\n")
	jw.field("version", JSONVersion, false)
	jw.field("tool", jsonTool{Name: "idemlint", Version: opt.Version, URI: "https://github.com/idemlint/idemlint"}, false)
	jw.list("files", &c.files)
	jw.list("findings", &c.findings)
	jw.field("summary", sum, true)
	jw.raw("}\n")
	return jw.flush()
}

func jsonFileOf(f File) jsonFile {
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
	for i, sec := range s.Sections {
		start, end := sectionBounds(f, i)
		jf.Sections = append(jf.Sections, jsonSection{
			Kind: sec.Kind.String(), Name: sec.Name,
			Start: start, End: end,
			InTransaction: sec.InTransaction, Repeatable: sec.Repeatable, RepeatReason: sec.RepeatReason,
			Attributes: sec.Attrs,
		})
	}
	for i := range f.Findings {
		if f.Findings[i].Rule.ID == rules.InvalidInput.ID {
			jf.Skipped = true
		}
	}
	return jf
}

// jsonWriter writes an indented JSON object field by field, as
// encoding/json would write it whole with two-space indentation.
type jsonWriter struct {
	bw  *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	jw := &jsonWriter{bw: bufio.NewWriterSize(w, 64<<10)} // megabytes of findings: few writes
	jw.enc = json.NewEncoder(&jw.buf)
	// Keep <, > and & as written: SQL is full of them and nobody embeds
	// this output in HTML.
	jw.enc.SetEscapeHTML(false)
	return jw
}

func (jw *jsonWriter) raw(s string) {
	if jw.err == nil {
		_, jw.err = jw.bw.WriteString(s)
	}
}

// value writes v indented for the given depth, without a line break.
func (jw *jsonWriter) value(prefix string, v any) {
	if jw.err != nil {
		return
	}
	var b []byte
	if b, jw.err = jw.encode(prefix, v); jw.err == nil {
		_, jw.err = jw.bw.Write(b)
	}
}

// encode renders v indented for the given depth, without a line break;
// the bytes are valid until the next call.
func (jw *jsonWriter) encode(prefix string, v any) ([]byte, error) {
	jw.buf.Reset()
	jw.enc.SetIndent(prefix, "  ")
	if err := jw.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(jw.buf.Bytes(), []byte("\n")), nil
}

func (jw *jsonWriter) key(name string) { jw.raw("  \"" + name + "\": ") }

func (jw *jsonWriter) field(name string, v any, last bool) {
	jw.key(name)
	jw.value("  ", v)
	if last {
		jw.raw("\n")
	} else {
		jw.raw(",\n")
	}
}

// list writes a field holding the elements element kept.
func (jw *jsonWriter) list(name string, elems *spool) {
	jw.key(name)
	if elems.Len() == 0 {
		jw.raw("[],\n")
		return
	}
	jw.raw("[\n")
	if jw.err == nil {
		jw.err = elems.writeTo(jw.bw)
	}
	jw.raw("\n  ],\n")
}

func (jw *jsonWriter) flush() error {
	if jw.err != nil {
		return jw.err
	}
	return jw.bw.Flush()
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

// sectionBounds is where section i of f starts and ends, from the text or
// from what Detach resolved before it let the text go.
func sectionBounds(f File, i int) (start, end jsonPos) {
	sec := f.Script.Sections[i]
	if 2*i+1 < len(f.sectionsAt) {
		a, b := f.sectionsAt[2*i], f.sectionsAt[2*i+1]
		return jsonPos{Line: a.Line, Column: a.Column, Offset: sec.Span.Start}, jsonPos{Line: b.Line, Column: b.Column, Offset: sec.Span.End}
	}
	sp := span(f.Script, sec.Span)
	return jsonPosition(f.Script, sp.Start), jsonPosition(f.Script, sp.End)
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

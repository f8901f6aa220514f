package report

import (
	"bufio"
	"io"
)

// Stream writes a run's report as its files come, in the order given.
// The text format writes each file's findings at once and keeps only the
// counts; JSON and SARIF keep each finding in the small form they write
// it in, and the other formats that are one document keep the files,
// which callers detach first (Detach); all of them write at Close.
type Stream struct {
	opt   Options
	sum   Summary
	files []File
	write Writer
	w     io.Writer
	text  *bufio.Writer
	json  *jsonCollector
	sarif *sarifCollector
}

// NewStream starts a report in the named format on w.
func NewStream(name string, w io.Writer, opt Options) (*Stream, bool) {
	write, ok := Lookup(name)
	if !ok {
		return nil, false
	}
	st := &Stream{opt: opt, write: write, w: w}
	switch name {
	case "text":
		st.text = bufio.NewWriter(w)
	case "json":
		st.json = &jsonCollector{}
	case "sarif":
		st.sarif = newSARIFCollector(opt)
	}
	return st, true
}

// Add writes or keeps one file's findings.
func (st *Stream) Add(f File) error {
	st.sum.add(f)
	switch {
	case st.json != nil:
		return st.json.add(f)
	case st.sarif != nil:
		st.sarif.add(f)
		return nil
	case st.text == nil:
		st.files = append(st.files, f)
		return nil
	}
	p := painter(st.opt.Color)
	for i := range f.Findings {
		writeTextFinding(st.text, p, f.Script, &f.Findings[i])
	}
	// Flush per file, so that the findings appear as the run goes, and a
	// write error stops it early.
	return st.text.Flush()
}

// Close writes what the format keeps for the end; baselined and
// unreadable are the counts only the end of the run knows.
func (st *Stream) Close(baselined, unreadable int) error {
	st.opt.Baselined, st.opt.Unreadable = baselined, unreadable
	s := st.sum
	s.Baselined, s.Unreadable = baselined, unreadable
	switch {
	case st.json != nil:
		write := noLegacyCommands("json", func(w io.Writer, _ []File, opt Options) error {
			return st.json.write(w, s, opt)
		})
		return write(st.w, nil, st.opt)
	case st.sarif != nil:
		write := noLegacyCommands("sarif", func(w io.Writer, _ []File, _ Options) error {
			return st.sarif.write(w)
		})
		return write(st.w, nil, st.opt)
	case st.text == nil:
		return st.write(st.w, st.files, st.opt)
	}
	writeTextSummary(st.text, painter(st.opt.Color), s)
	return st.text.Flush()
}

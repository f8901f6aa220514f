package report

import (
	"bytes"
	"io"

	"github.com/idemlint/idemlint/internal/safetext"
)

// The GitHub runner obeys its older workflow-command form "##[command]"
// anywhere in a line of a step's output, and the json, sarif, gitlab,
// checkstyle and junit formats carry file names and SQL text as they are
// (tools read them) to standard output. Those formats write through
// noLegacyCommands, which spells the "[" of every "##[" as an escape the
// format itself decodes back: the document means the same, and no line of
// it is a command.
var legacyEscapes = map[string][]byte{
	"json":       []byte(`##\u005b`),
	"sarif":      []byte(`##\u005b`),
	"gitlab":     []byte(`##\u005b`),
	"checkstyle": []byte(`##&#91;`),
	"junit":      []byte(`##&#91;`),
}

var legacyCommand = []byte(safetext.LegacyCommand)

// noLegacyCommands wraps a format's writer; formats whose output is made
// safe otherwise (text, github) are returned as they are.
func noLegacyCommands(name string, fn Writer) Writer {
	repl, ok := legacyEscapes[name]
	if !ok {
		return fn
	}
	return func(w io.Writer, files []File, opt Options) error {
		f := &legacyFilter{w: w, repl: repl}
		err := fn(f, files, opt)
		if ferr := f.flush(); err == nil {
			err = ferr
		}
		return err
	}
}

// legacyFilter rewrites "##[" as it streams, holding back a trailing "#"
// or "##" until the next write shows what follows it.
type legacyFilter struct {
	w    io.Writer
	repl []byte
	held []byte
}

func (f *legacyFilter) Write(p []byte) (int, error) {
	data := p
	if len(f.held) > 0 {
		data = append(f.held, p...)
		f.held = nil
	}
	keep := 0
	for keep < 2 && keep < len(data) && data[len(data)-1-keep] == '#' {
		keep++
	}
	out := data[:len(data)-keep]
	if bytes.Contains(out, legacyCommand) {
		out = bytes.ReplaceAll(out, legacyCommand, f.repl)
	}
	// A "##" held back may complete a "##[" only with what comes next; it
	// is copied, as p is the caller's.
	if keep > 0 {
		f.held = append([]byte(nil), data[len(data)-keep:]...)
	}
	if _, err := f.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (f *legacyFilter) flush() error {
	if len(f.held) == 0 {
		return nil
	}
	_, err := f.w.Write(f.held)
	f.held = nil
	return err
}

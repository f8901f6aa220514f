package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/report"
	"github.com/idemlint/idemlint/verify"
)

// lockEntry is one statement's observed locks in verify's JSON report
// (--locks): where it is, then verify.StmtLocks' fields.
type lockEntry struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Statement string `json:"statement"`
	verify.StmtLocks
}

// writeVerifyReport writes verify's report, and with --locks what each
// statement locked: in JSON a "statements" array after the document's
// other fields (new fields may appear in any release, see
// docs/json-format.md); in text a line for each statement that took a
// lock of SHARE or stronger on an existing relation, rewrote a table or
// copied it. The other formats carry findings only.
func writeVerifyReport(out io.Writer, format string, locks bool, write report.Writer, files []report.File, ropt report.Options, results []verify.Result) error {
	if !locks || (format != "json" && format != "text") {
		return write(out, files, ropt)
	}
	if format == "text" {
		if err := write(out, files, ropt); err != nil {
			return err
		}
		return writeLockText(out, results)
	}
	var buf bytes.Buffer
	if err := write(&buf, files, ropt); err != nil {
		return err
	}
	doc := bytes.TrimRight(buf.Bytes(), " \t\r\n")
	if len(doc) == 0 || doc[len(doc)-1] != '}' {
		return fmt.Errorf("the JSON report does not end with an object")
	}
	entries := []lockEntry{}
	for _, r := range results {
		for _, l := range r.Locks {
			entries = append(entries, lockEntry{Path: filepath.ToSlash(r.Path), Line: r.Script.Lines.Position(l.Stmt.Span.Start).Line,
				Statement: statementTag(l), StmtLocks: l})
		}
	}
	js, err := json.MarshalIndent(entries, "  ", "  ")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.Write(doc[:len(doc)-1])
	b.WriteString(",\n  \"statements\": ")
	b.Write(js)
	b.WriteString("\n}\n")
	_, err = out.Write(b.Bytes())
	return err
}

func statementTag(l verify.StmtLocks) string {
	if l.Stmt.St != nil {
		return l.Stmt.St.Tag
	}
	return ""
}

// writeLockText lists the statements that blocked writes on an existing
// relation: "db/3.sql:4: ALTER TABLE: AccessExclusiveLock on public.orders;
// rewrites public.orders".
func writeLockText(out io.Writer, results []verify.Result) error {
	var b strings.Builder
	for _, r := range results {
		for _, l := range r.Locks {
			if !l.Strong() {
				continue
			}
			var parts []string
			for _, k := range l.Locks {
				parts = append(parts, k.Mode+" on "+k.Relation)
			}
			if len(l.Rewrites) > 0 {
				parts = append(parts, "rewrites "+strings.Join(l.Rewrites, ", "))
			}
			if l.Algorithm != "" {
				parts = append(parts, "ALGORITHM="+l.Algorithm)
			}
			if b.Len() == 0 {
				b.WriteString("\nlocks taken on existing relations:\n")
			}
			fmt.Fprintf(&b, "%s:%d: %s: %s\n", safetext.Path(r.Path), r.Script.Lines.Position(l.Stmt.Span.Start).Line,
				safetext.Inline(statementTag(l)), safetext.Inline(strings.Join(parts, "; ")))
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}

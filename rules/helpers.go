package rules

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// Effects calls fn for every effect of every statement, nested ones
// included, in source order.
func (p *Pass) Effects(fn func(e *model.Effect)) {
	p.Script.Walk(func(st *model.Statement) {
		for _, e := range st.Effects {
			fn(e)
		}
	})
}

// ReportEffect reports a re-run hazard on an effect: the message says
// which guard, if any, names another object, and whether the framework
// re-runs the section by design.
func (p *Pass) ReportEffect(e *model.Effect, msg, help string) {
	switch {
	case e.Mismatch != nil && e.Mismatch.Source == model.PredHandler:
		// The handler names other errors than the one a re-run raises.
		msg += fmt.Sprintf("; the handler catches %s, but a second run raises %s", model.DescribeCatches(e.Mismatch.Catches), e.Raises)
	case e.Mismatch != nil:
		msg += fmt.Sprintf("; the enclosing guard checks %s, but the statement changes %s", e.Mismatch.Object, e.Object)
	}
	if sec := e.Stmt.Section; sec != nil && sec.Repeatable {
		msg += "; " + sec.RepeatReason + ", so this must be re-runnable"
	}
	p.Report(Finding{Span: e.Span, Message: msg, Help: help, Stmt: e.Stmt, Fix: p.fixOf(e)})
}

// fixOf offers the effect's edits when the running rule can fix.
func (p *Pass) fixOf(e *model.Effect) *Fix {
	if !p.rule.FixesIn(p.Script.Dialect) {
		return nil
	}
	if len(e.Fixes) == 0 {
		// No keyword guards it on this target: rewrite the statement.
		rw, ok := p.rw.For(e)
		if !ok {
			return nil
		}
		return &Fix{Message: rw.Message, Edits: rw.Edits}
	}
	var words []string
	edits := make([]model.Edit, len(e.Fixes))
	for i, ed := range e.Fixes {
		ed.Text = matchCase(ed.Text, p.Script.Source, ed.Start)
		edits[i] = ed
		words = append(words, strings.TrimSpace(ed.Text))
	}
	// The parsers offer a keyword only where the target has it, so the
	// fix needs no version note.
	return &Fix{Message: "add " + strings.Join(words, ", "), Edits: edits}
}

// matchCase writes inserted keywords in the case of the word before the
// insertion point, so that a fix in lower-case SQL stays lower-case.
func matchCase(text string, src []byte, at int) string {
	i := at
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == '\r') {
		i--
	}
	end := i
	for i > 0 && (src[i-1]|0x20 >= 'a' && src[i-1]|0x20 <= 'z') {
		i--
	}
	word := string(src[i:end])
	if word != "" && word == strings.ToLower(word) {
		return strings.ToLower(text)
	}
	return text
}

// inDown reports whether a statement is part of a rollback.
func inDown(st *model.Statement) bool { return st != nil && st.Section.IsDown() }

// isLedger reports whether obj is a migration ledger table.
func (p *Pass) isLedger(obj model.Object) bool {
	names := model.DefaultLedgers
	if p.Config != nil && len(p.Config.Ledgers) > 0 {
		names = append(append([]string(nil), names...), p.Config.Ledgers...)
	}
	for _, n := range names {
		schema, name, qualified := strings.Cut(n, ".")
		if !qualified {
			schema, name = "", n
		}
		if !strings.EqualFold(name, obj.Name) {
			continue
		}
		if schema == "" || strings.EqualFold(schema, obj.Schema) {
			return true
		}
	}
	return false
}

// quoted renders a name for messages.
func quoted(o model.Object) string {
	if o.Unknown || o.Qualified() == "" {
		return o.Kind.String()
	}
	return o.Kind.String() + " " + o.Qualified()
}

// dialectHelp picks the help line for a dialect.
func dialectHelp(d model.Dialect, postgres, mysql, mariadb string) string {
	switch d {
	case model.MySQL:
		return mysql
	case model.MariaDB:
		if mariadb != "" {
			return mariadb
		}
		return mysql
	}
	return postgres
}

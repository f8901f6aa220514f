// Package rules holds the checks idemlint runs over the model, the single
// registry of them, and the engine that runs them, applies inline
// suppressions and recovers from a failing rule.
package rules

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// Severity orders findings for the failure threshold.
type Severity uint8

const (
	SeverityNone Severity = iota // "off" in configuration
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads a severity as users write it.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	case "off", "none":
		return SeverityNone, nil
	}
	return SeverityNone, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// Category groups rules by the harm they prevent.
type Category string

const (
	// Rerun rules find statements that fail or diverge on a second run.
	Rerun Category = "rerun"
	// Destructive rules find data loss; they stay quiet in down sections,
	// whose job is to undo.
	Destructive Category = "destructive"
	// Transaction rules find statements at odds with the transaction
	// they run in.
	Transaction Category = "transaction"
	// Portability rules find syntax the target server rejects.
	Portability Category = "portability"
	// Lock rules find statements that block reads or writes on a live
	// table for as long as its size makes them last: not safe under load.
	Lock Category = "lock"
	// Syntax covers what the parser rejects.
	Syntax Category = "syntax"
	// Meta covers the linter's own housekeeping: suppressions, inputs.
	Meta Category = "meta"
	// Verify rules are raised by idemlint verify from what a real server
	// did, never by lint.
	Verify Category = "verify"
)

// Example is a snippet the rule's documentation shows and a test runs:
// a bad example must draw the rule, a good one must not.
type Example struct {
	Dialect model.Dialect
	// Path is the file name the snippet is linted as; it decides the
	// framework (e.g. "0001_add.up.sql"). Empty means "migration.sql".
	Path string
	// Target is the server version the snippet is linted for
	// ("postgres:13"); empty means the dialect's default.
	Target string
	SQL    string
	Bad    bool
	// Fixed is the SQL after --fix, for a bad example with a fix: the
	// rule page shows it as the after, and a test applies the fix and
	// compares.
	Fixed string
	// Note says in a few words what the example shows.
	Note string
}

// FixesIn reports whether the rule's findings in dialect d carry fixes.
func (r *Rule) FixesIn(d model.Dialect) bool {
	for _, x := range r.Fixable {
		if x == d {
			return true
		}
	}
	return false
}

// Rule is one check: metadata that feeds explain, docs, SARIF and
// annotation titles, plus the function that runs it.
type Rule struct {
	ID       string
	Summary  string
	Doc      string // Markdown from doc/<id>.md: the problem, why it bites on re-run, the fix per dialect
	Help     string // one line: what to do, the default for findings
	Severity Severity
	Category Category
	// Dialects the rule applies to; nil means all.
	Dialects []model.Dialect
	// Fixable lists the dialects whose findings carry a fix --fix can
	// write (for the target's version); nil for none.
	Fixable  []model.Dialect
	Examples []Example
	// Run inspects the script through the pass. Nil for rules the engine
	// or the command raise itself (syntax-error, suppressions, inputs).
	Run func(*Pass)
	// Late rules run after the others and see their findings.
	Late bool

	helpURI string // HelpURI, worked out once for the rules of the registry
}

// AppliesTo reports whether the rule runs on a dialect.
func (r *Rule) AppliesTo(d model.Dialect) bool {
	if len(r.Dialects) == 0 {
		return true
	}
	for _, x := range r.Dialects {
		if x == d || (x == model.MySQL && d == model.MariaDB && !r.mysqlOnly()) {
			return true
		}
	}
	return false
}

// mysqlOnly marks rules about MySQL 8.0 specifically, not MariaDB.
func (r *Rule) mysqlOnly() bool { return r.ID == "mysql-unsupported-if-exists" }

// HelpURI is where the rule's documentation lives. Every finding of a
// JSON or SARIF report names it.
func (r *Rule) HelpURI() string {
	if r.helpURI != "" {
		return r.helpURI
	}
	return helpURI(r.ID)
}

func helpURI(id string) string {
	return "https://github.com/idemlint/idemlint/blob/main/docs/rules/" + id + ".md"
}

// Fix is a set of independent text edits that make a finding go away.
type Fix struct {
	Message string
	Edits   []model.Edit
}

// Finding is one problem at a place in a file.
type Finding struct {
	Rule     *Rule
	Severity Severity
	Message  string
	// Help says what to do about this finding.
	Help string
	Span model.Span
	Fix  *Fix
	// Stmt is the statement the finding is about, when there is one.
	Stmt *model.Statement
}

// RuleID is the finding's rule ID.
func (f *Finding) RuleID() string { return f.Rule.ID }

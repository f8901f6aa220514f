package rules

import (
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// Markdown renders a rule's page: the one text behind `idemlint explain`,
// docs/rules/<id>.md and the SARIF rule help, so that they never drift.
func Markdown(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	if r.Summary != "" {
		fmt.Fprintf(&b, "%s.\n\n", strings.TrimSuffix(r.Summary, "."))
	}
	b.WriteString("| Severity | Category | Dialects | Fixable |\n|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %s | %s | %s | %s |\n\n", r.Severity, r.Category, DialectList(r), FixList(r))
	if doc := strings.TrimSpace(r.Doc); doc != "" {
		b.WriteString(doc)
		b.WriteString("\n\n")
	}
	if r.Help != "" {
		fmt.Fprintf(&b, "**In short:** %s.\n\n", strings.TrimSuffix(r.Help, "."))
	}
	writeExamples(&b, r.Examples)
	fmt.Fprintf(&b, "Silence one statement with `-- idemlint:ignore %s -- <reason>` on its line or the line above.\n", r.ID)
	return b.String()
}

// DialectList names the dialects a rule runs on, in documentation order.
func DialectList(r *Rule) string {
	var names []string
	for _, d := range model.Dialects {
		if r.AppliesTo(d) {
			names = append(names, d.String())
		}
	}
	return strings.Join(names, ", ")
}

func writeExamples(b *strings.Builder, exs []Example) {
	if len(exs) == 0 {
		return
	}
	b.WriteString("## Examples\n\n")
	// Group by dialect in documentation order, keeping the rule's own
	// order within a dialect (usually bad before good).
	for _, d := range append([]model.Dialect{model.DialectUnknown}, model.Dialects...) {
		var group []Example
		for _, e := range exs {
			if e.Dialect == d {
				group = append(group, e)
			}
		}
		if len(group) == 0 {
			continue
		}
		if d != model.DialectUnknown {
			fmt.Fprintf(b, "### %s\n\n", dialectTitle(d))
		}
		for _, e := range group {
			verdict := "Good"
			if e.Bad {
				verdict = "Bad"
			}
			b.WriteString("**" + verdict + "**")
			if e.Note != "" {
				b.WriteString(": " + strings.TrimSuffix(e.Note, "."))
			}
			if e.Path != "" {
				fmt.Fprintf(b, " (in `%s`)", e.Path)
			}
			if e.Target != "" {
				fmt.Fprintf(b, " (target `%s`)", e.Target)
			}
			b.WriteString("\n\n```sql\n")
			b.WriteString(strings.TrimRight(e.SQL, "\n"))
			b.WriteString("\n```\n\n")
			if e.Fixed != "" {
				b.WriteString("After `--fix`:\n\n```sql\n")
				b.WriteString(strings.TrimRight(e.Fixed, "\n"))
				b.WriteString("\n```\n\n")
			}
		}
	}
}

func dialectTitle(d model.Dialect) string {
	switch d {
	case model.Postgres:
		return "PostgreSQL"
	case model.MySQL:
		return "MySQL"
	case model.MariaDB:
		return "MariaDB"
	}
	return d.String()
}

// FixList names the dialects whose findings --fix can fix, or "no".
func FixList(r *Rule) string {
	if len(r.Fixable) == 0 {
		return "no"
	}
	return strings.Join(FixDialects(r), ", ")
}

// FixDialects names the dialects in Fixable, in documentation order.
func FixDialects(r *Rule) []string {
	var names []string
	for _, d := range model.Dialects {
		if r.FixesIn(d) {
			names = append(names, d.String())
		}
	}
	return names
}

// IndexMarkdown renders docs/rules/README.md: one table row per rule,
// linking to its page.
func IndexMarkdown(rs []*Rule) string {
	var b strings.Builder
	b.WriteString("# Rules\n\n")
	b.WriteString("Every rule idemlint runs, generated from the rule metadata (`idemlint rules` prints the same list).\n")
	b.WriteString("Severities are defaults; configuration can change them.\n\n")
	b.WriteString("| Rule | Summary | Severity | Category | Dialects | Fixable |\n|---|---|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s | %s |\n", r.ID, r.ID,
			strings.ReplaceAll(r.Summary, "|", `\|`), r.Severity, r.Category, DialectList(r), FixList(r))
	}
	return b.String()
}

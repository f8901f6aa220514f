package rules

import (
	"fmt"
	"runtime/debug"
	"sort"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rewrite"
)

// Config is what the engine needs to know for one file.
type Config struct {
	// Only, when non-empty, restricts the run to these rule IDs.
	Only map[string]bool
	// Disabled rule IDs are not reported.
	Disabled map[string]bool
	// Severity overrides a rule's default; SeverityNone turns it off.
	Severity map[string]Severity
	// Ledgers are extra migration ledger table names.
	Ledgers []string
	// LockTimeoutSet says the connection or the framework sets
	// lock_timeout before each migration, so a file need not.
	LockTimeoutSet bool
}

// Enabled reports whether findings of rule id are reported.
func (c *Config) Enabled(id string) bool {
	if c == nil {
		return true
	}
	if len(c.Only) > 0 && !c.Only[id] {
		return false
	}
	if c.Disabled[id] {
		return false
	}
	if s, ok := c.Severity[id]; ok && s == SeverityNone {
		return false
	}
	return true
}

// SeverityOf is the configured severity of a rule.
func (c *Config) SeverityOf(r *Rule) Severity {
	if c != nil {
		if s, ok := c.Severity[r.ID]; ok && s != SeverityNone {
			return s
		}
	}
	return r.Severity
}

// Pass is what a rule sees while it runs over one script.
type Pass struct {
	Script *model.Script
	Config *Config
	// Prior holds the findings of the rules that ran before a Late rule,
	// after inline suppressions, whether or not they are enabled.
	Prior []Finding
	rule  *Rule
	out   []Finding
	rw    *rewrite.Rewriter // shared by the rules of one script
}

// Report records a finding of the running rule.
func (p *Pass) Report(f Finding) {
	f.Rule = p.rule
	if f.Help == "" {
		f.Help = p.rule.Help
	}
	p.out = append(p.out, f)
}

// Run lints one parsed script: every rule, then suppressions, then the
// configuration's enable list and severities. Findings come back in source
// order.
func Run(s *model.Script, cfg *Config) []Finding {
	var raw []Finding
	if s.Crash != "" {
		raw = append(raw, Finding{Rule: InternalError, Message: s.Crash, Help: InternalError.Help})
	}
	// Statements the parser did not read come from the parser, not from a
	// rule: rejected ones are syntax errors, ones past a bound invalid
	// input, and ones it failed on internal errors.
	s.Walk(func(st *model.Statement) {
		if st.Err != nil {
			r, help := SyntaxError, SyntaxError.Help
			switch st.Err.Kind {
			case model.ErrLimit:
				r, help = InvalidInput, nestingHelp
			case model.ErrInternal:
				r, help = InternalError, InternalError.Help
			}
			if st.Err.Help != "" {
				help = st.Err.Help
			}
			raw = append(raw, Finding{Rule: r, Message: st.Err.Message, Help: help,
				Span: model.Span{Start: st.Err.Pos, End: st.Err.Pos}, Stmt: st})
		}
	})
	sup := readSuppressions(s)
	rw := rewrite.New(s)
	var late []*Rule
	for _, r := range registry {
		if r.Run == nil || !r.AppliesTo(s.Dialect) {
			continue
		}
		if r.Late {
			late = append(late, r)
			continue
		}
		raw = append(raw, runRule(r, s, cfg, nil, rw)...)
	}
	kept := sup.apply(s, raw)
	for _, r := range late {
		kept = append(kept, sup.apply(s, runRule(r, s, cfg, kept, rw))...)
	}
	kept = append(kept, sup.problems()...)

	out := kept[:0]
	for _, f := range kept {
		if !cfg.Enabled(f.Rule.ID) {
			continue
		}
		f.Severity = cfg.SeverityOf(f.Rule)
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return out[i].Rule.ID < out[j].Rule.ID
	})
	return out
}

// runRule runs one rule, turning a panic into an internal-error finding
// so that one broken rule never takes the run down.
func runRule(r *Rule, s *model.Script, cfg *Config, prior []Finding, rw *rewrite.Rewriter) (out []Finding) {
	p := &Pass{Script: s, Config: cfg, Prior: prior, rule: r, rw: rw}
	defer func() {
		if e := recover(); e != nil {
			out = append(p.out, Finding{Rule: InternalError, Span: model.Span{},
				Message: fmt.Sprintf("rule %s failed on this file: %v", r.ID, e),
				Help:    "please report this with the file attached; stack: " + firstFrames(debug.Stack())})
		}
	}()
	r.Run(p)
	return p.out
}

func firstFrames(stack []byte) string {
	const limit = 600
	if len(stack) > limit {
		stack = stack[:limit]
	}
	return string(stack)
}

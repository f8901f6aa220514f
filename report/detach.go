package report

import (
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// Detach returns a copy of f that holds only what the formats read: the
// file's path, dialect, framework and sections, and its findings with
// their statement's tag and span; the text and line table only when there
// are findings to show. The parse tree (statements, effects, guards) stays
// behind for the garbage collector, so that a run keeps of a clean file a
// few hundred bytes, however many files it reads.
func Detach(f File) File {
	s := f.Script
	if s == nil {
		return f
	}
	// A copy keeps every field the formats may read; the tree goes.
	c := *s
	d := &c
	d.Statements, d.Comments, d.Regions = nil, nil, nil
	if len(s.Sections) > 0 {
		d.Sections = make([]*model.Section, len(s.Sections))
		for i, sec := range s.Sections {
			cs := *sec
			cs.Statements, cs.Preconditions = nil, nil
			d.Sections[i] = &cs
		}
	}
	if len(f.Findings) == 0 {
		at := make([]model.Position, 0, 2*len(s.Sections))
		for _, sec := range s.Sections {
			sp := span(s, sec.Span)
			at = append(at, positionOf(s, sp.Start), positionOf(s, sp.End))
		}
		d.Source, d.Lines = nil, nil
		return File{Script: d, sectionsAt: at}
	}
	stmts := map[*model.Statement]*model.Statement{}
	fs := make([]rules.Finding, len(f.Findings))
	for i, x := range f.Findings {
		if x.Stmt != nil {
			st := stmts[x.Stmt]
			if st == nil {
				st = &model.Statement{Tag: x.Stmt.Tag, Span: x.Stmt.Span}
				stmts[x.Stmt] = st
			}
			x.Stmt = st
		}
		fs[i] = x
	}
	return File{Script: d, Findings: fs}
}

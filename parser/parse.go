// Package parser reads a migration file into the dialect-neutral model:
// it picks the dialect, recognises the framework and its sections, hands
// the text to the dialect adapter, and runs the guard analysis that tells
// each effect whether something protects it on a second run.
package parser

import (
	"fmt"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/parser/mysql"
	"github.com/idemlint/idemlint/parser/postgres"
	"github.com/idemlint/idemlint/schema"
)

// Options steer parsing; zero values mean "work it out".
type Options struct {
	Dialect   model.Dialect
	Framework model.Framework
	// Schema holds the tables the migrations before this file built, in
	// the dialect of the file; nil when they are not known (one file,
	// standard input).
	Schema *schema.History
}

// Parse reads one file. It never fails: what the parsers reject becomes
// statements with Err set.
func Parse(path string, src []byte, opt Options) *model.Script {
	s := &model.Script{Path: path, Source: src, Lines: model.NewLines(src), Dialect: opt.Dialect}
	if s.Dialect == model.DialectUnknown {
		d, why, ok := InferDialect(path, src)
		if ok {
			s.Dialect, s.DialectReason = d, why
		} else {
			return parseUnknown(s, opt)
		}
	} else {
		s.DialectReason = "given"
	}
	parseAs(s, opt)
	return s
}

// parseUnknown tries PostgreSQL, then MySQL when PostgreSQL rejects the
// file and MySQL does not.
func parseUnknown(s *model.Script, opt Options) *model.Script {
	s.Dialect = model.Postgres
	parseAs(s, opt)
	s.DialectGuessed = true
	if !hasErrors(s) {
		s.DialectReason = "no path or content hint; the file parses as postgres"
		return s
	}
	m := &model.Script{Path: s.Path, Source: s.Source, Lines: s.Lines, Dialect: model.MySQL}
	parseAs(m, opt)
	if !hasErrors(m) {
		m.DialectGuessed = true
		m.DialectReason = "no path or content hint; the file parses as mysql, not as postgres"
		return m
	}
	s.DialectReason = "no path or content hint, and neither parser accepts the file; linted as postgres"
	return s
}

// hasErrors reports whether the parser rejected a statement. A statement
// too deep to parse says nothing about the dialect.
func hasErrors(s *model.Script) bool {
	bad := false
	s.Walk(func(st *model.Statement) { bad = bad || st.Err != nil && st.Err.Kind != model.ErrLimit })
	return bad
}

func parseAs(s *model.Script, opt Options) {
	// A bug in an adapter must cost one file, never the run.
	defer func() {
		if r := recover(); r != nil {
			s.Statements, s.Sections = nil, []*model.Section{{Kind: model.SectionWhole, Span: model.Span{End: len(s.Source)}}}
			s.Crash = fmt.Sprintf("the %s parser failed: %v", s.Dialect, r)
		}
	}()
	// The parsers read the text with template placeholders masked; the
	// script keeps the original for messages and fixes.
	if masked := maskPlaceholders(s.Source); masked != nil {
		orig := s.Source
		s.Source = masked
		defer func() { s.Source = orig }()
	}
	mode := lex.Postgres
	if s.Dialect.MySQLFamily() {
		mode = mysql.LexMode(s.Dialect)
	}
	var toks []lex.Token
	if s.Dialect.MySQLFamily() {
		toks = lex.Tokenize(s.Source, mode)
	} else {
		// psql meta-commands and COPY data rows are not SQL: they yield
		// no tokens, and the script records them as regions.
		toks, s.Regions = postgres.Tokenize(s.Source)
	}
	s.Comments = s.Comments[:0]
	for _, t := range toks {
		if t.Kind == lex.Comment {
			s.Comments = append(s.Comments, model.Span{Start: t.Start, End: t.End})
		}
	}
	l := detectLayout(s.Path, s.Source, s.Comments, opt.Framework)
	s.Framework = l.framework
	s.Sections = l.sections

	var regions []model.Region
	for _, a := range l.atomic {
		regions = append(regions, model.Region{Span: a, Atomic: true})
	}
	for sec, d := range l.delimiters {
		regions = append(regions, model.Region{Span: sec.Span, Delimiter: d})
	}
	if s.Dialect.MySQLFamily() {
		mysql.Parse(s, toks, regions)
	} else {
		postgres.Parse(s, toks, append(regions, s.Regions...))
	}
	assignSections(s)
	implicitTransactions(s)
	markTransactions(s)
	readPreconditions(s, l)
	dormantBodies(s)
	voidGuards(s, opt.Schema)
	analyse(s)
}

// assignSections files every top-level statement under the section that
// contains its first keyword, and propagates the section to nested ones.
func assignSections(s *model.Script) {
	i := 0
	for _, st := range s.Statements {
		for i+1 < len(s.Sections) && st.Span.Start >= s.Sections[i].Span.End {
			i++
		}
		sec := s.Sections[i]
		sec.Statements = append(sec.Statements, st)
		var set func(*model.Statement)
		set = func(x *model.Statement) {
			x.Section = sec
			for _, c := range x.Children {
				set(c)
			}
		}
		set(st)
	}
}

// markTransactions records which statements run between an explicit
// BEGIN and COMMIT. A section boundary ends an open transaction: each
// framework section runs on its own.
func markTransactions(s *model.Script) {
	open := false
	var sec *model.Section
	for _, st := range s.Statements {
		if st.Section != sec {
			sec, open = st.Section, false
		}
		switch st.Tx {
		case model.TxBegin:
			open = true
			continue
		case model.TxCommit, model.TxRollback:
			open = false
			continue
		}
		if open {
			var set func(*model.Statement)
			set = func(x *model.Statement) {
				x.InExplicitTx = true
				for _, c := range x.Children {
					set(c)
				}
			}
			set(st)
		}
	}
}

// implicitTransactions: golang-migrate, prisma and Flyway send a file as
// one multi-statement query, which PostgreSQL runs as one implicit
// transaction only when it holds more than one statement.
func implicitTransactions(s *model.Script) {
	switch s.Framework {
	case model.GolangMigrate, model.Prisma, model.Flyway:
	default:
		return
	}
	for _, sec := range s.Sections {
		if len(sec.Statements) < 2 {
			sec.InTransaction = false
		}
	}
}

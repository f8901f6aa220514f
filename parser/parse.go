// Package parser reads a migration file into the dialect-neutral model:
// it picks the dialect, recognises the framework and its sections, hands
// the text to the dialect adapter, and runs the guard analysis that tells
// each effect whether something protects it on a second run.
package parser

import (
	"fmt"
	"sort"

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
	// Target is the server version the files run on; its dialect is the
	// files' when Dialect is not given. Zero means each dialect's default.
	Target model.Target
	// Schema holds the tables the migrations before this file built, in
	// the dialect of the file; nil when they are not known (one file,
	// standard input).
	Schema *schema.History
	// LintQueryFiles reads query files (sqlc, yesql, HugSQL, aiosql,
	// PugSQL: "-- name: x" blocks) like migrations. By default they are
	// recognised and skipped: their queries are meant to run many times.
	LintQueryFiles bool
}

// Parse reads one file. It never fails: what the parsers reject becomes
// statements with Err set.
func Parse(path string, src []byte, opt Options) *model.Script {
	if opt.Dialect == model.DialectUnknown {
		opt.Dialect = opt.Target.Dialect
	}
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
	if s.Skipped != "" {
		s.DialectReason = "no path or content hint"
		return s
	}
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
	orig := s.Source
	defer func() { s.Source = orig }()
	s.Target = model.DefaultTarget(s.Dialect)
	if opt.Target.Dialect == s.Dialect {
		s.Target = opt.Target
	}
	if masked := maskPlaceholders(s.Source); masked != nil {
		s.Source = masked
	}
	toks := tokenize(s)
	if !opt.LintQueryFiles {
		if why, ok := queryFile(s.Path, s.Source, s.Comments); ok {
			s.Skipped = why
			s.Sections = []*model.Section{{Kind: model.SectionWhole, Span: model.Span{End: len(s.Source)}}}
			return
		}
	}
	l := detectLayout(s.Path, s.Source, s.Comments, opt.Framework)
	s.Framework = l.framework
	s.Sections = l.sections
	if len(l.rollbacks) > 0 {
		toks = readRollbacks(s, &l)
	}

	regions := l.regions
	if s.Dialect.MySQLFamily() {
		mysql.Parse(s, toks, regions)
	} else {
		postgres.Parse(s, toks, append(regions, s.Regions...))
	}
	gooseUnterminated(s, l)
	assignSections(s, l.rollbacks)
	implicitTransactions(s)
	markTransactions(s)
	readPreconditions(s, l)
	dormantBodies(s)
	voidGuards(s, opt.Schema)
	lockFacts(s, opt.Schema)
	analyse(s)
}

// tokenize lexes s.Source as the dialect's server does and records its
// comments (and, for PostgreSQL, the psql regions).
func tokenize(s *model.Script) []lex.Token {
	var toks []lex.Token
	if s.Dialect.MySQLFamily() {
		toks = lex.Tokenize(s.Source, mysql.LexMode(s.Target))
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
	return toks
}

// readRollbacks lets the parsers read Liquibase rollback SQL, which sits
// in comments: the comment markup around it is blanked, and counts as
// comment text for everything else. Rollback SQL whose text would run on
// past its comments (an unterminated quote or comment) stays a comment,
// and its changeset has no down section.
func readRollbacks(s *model.Script, l *layout) []lex.Token {
	plain := s.Source
	comments := append([]model.Span(nil), s.Comments...)
	for len(l.rollbacks) > 0 {
		s.Source = append([]byte(nil), plain...)
		for _, r := range l.rollbacks {
			blank(s.Source, r.markup)
		}
		toks := tokenize(s)
		kept := l.rollbacks[:0]
		dropped := false
		for _, r := range l.rollbacks {
			if escapes(toks, s.Regions, r.span) {
				dropped = true
				continue
			}
			kept = append(kept, r)
		}
		l.rollbacks = kept
		if !dropped {
			var markup []model.Span
			for _, r := range l.rollbacks {
				markup = append(markup, r.markup...)
			}
			s.Comments = mergeSpans(s.Comments, markup)
			return toks
		}
		// A down section whose SQL could not be read holds nothing.
		live := map[*model.Section]bool{}
		for _, r := range l.rollbacks {
			live[r.sec] = true
		}
		secs := l.sections[:0]
		for _, sec := range l.sections {
			if sec.Kind != model.SectionDown || live[sec] {
				secs = append(secs, sec)
			}
		}
		l.sections = secs
		s.Sections = secs
	}
	s.Source = plain
	s.Comments = comments
	return tokenize(s)
}

// escapes reports whether a token or a psql region (COPY data) that
// starts within sp ends past it.
func escapes(toks []lex.Token, regions []model.Region, sp model.Span) bool {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= sp.Start })
	for ; i < len(toks) && toks[i].Start < sp.End; i++ {
		if toks[i].End > sp.End {
			return true
		}
	}
	for _, r := range regions {
		if r.Span.Start >= sp.Start && r.Span.Start < sp.End && r.Span.End > sp.End {
			return true
		}
	}
	return false
}

// blank turns the bytes of the spans into spaces, line breaks kept.
func blank(src []byte, spans []model.Span) {
	for _, sp := range spans {
		for i := sp.Start; i < sp.End && i < len(src); i++ {
			if src[i] != '\n' && src[i] != '\r' {
				src[i] = ' '
			}
		}
	}
}

// mergeSpans merges two sorted lists of spans into one sorted list.
func mergeSpans(a, b []model.Span) []model.Span {
	out := make([]model.Span, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || i < len(a) && a[i].Start <= b[j].Start {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// assignSections files every top-level statement under the section that
// contains its first keyword, and propagates the section to nested ones.
// A statement of Liquibase rollback SQL belongs to its changeset's down
// section, which lies within the changeset.
func assignSections(s *model.Script, rollbacks []rollback) {
	var main []*model.Section
	nested := map[*model.Section]bool{}
	for _, r := range rollbacks {
		nested[r.sec] = true
	}
	for _, sec := range s.Sections {
		if !nested[sec] {
			main = append(main, sec)
		}
	}
	i, r := 0, 0
	for _, st := range s.Statements {
		for i+1 < len(main) && st.Span.Start >= main[i].Span.End {
			i++
		}
		sec := main[i]
		for r < len(rollbacks) && st.Span.Start >= rollbacks[r].span.End {
			r++
		}
		if r < len(rollbacks) && st.Span.Start >= rollbacks[r].span.Start {
			sec = rollbacks[r].sec
		}
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

package analyzer

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// piece is one SQL string a call runs, with what the code around it says.
type piece struct {
	t      *sqlText
	ec     *execCall
	ctx    execContext
	goFile string
	// fn is the innermost function around the call (nil at package level).
	fn ast.Node
	// alone: the string must be linted by itself, because one Exec of
	// several statements may be an implicit transaction of its own.
	alone bool
}

// addPiece records a query for linting once the package is walked.
func (a *pkgState) addPiece(t *sqlText, ec *execCall, ctx execContext, goFile string, stack []ast.Node) {
	if strings.TrimSpace(t.text) == "" {
		return
	}
	p := &piece{t: t, ec: ec, ctx: ctx, goFile: goFile}
	for i := len(stack) - 1; i >= 0 && p.fn == nil; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			p.fn = stack[i]
		}
	}
	p.alone = !ctx.inTx && !ec.args && statementCount(t.text) >= 2
	a.pieces = append(a.pieces, p)
}

// statementCount counts the statements of a string the way PostgreSQL's
// simple query protocol splits it.
func statementCount(text string) int {
	n, open := 0, false
	for _, tok := range lex.Tokenize([]byte(text), lex.Postgres) {
		switch tok.Kind {
		case lex.Comment:
		case lex.Semicolon:
			open = false
		default:
			if !open {
				n++
				open = true
			}
		}
	}
	return n
}

// lintPieces lints the package's queries. The strings one function runs
// one after another under the same context are read as one script, in
// order, so that a DROP ... IF EXISTS run by one Exec protects the CREATE
// of the next, as it would in a .sql file.
func (a *pkgState) lintPieces() {
	same := func(p, q *piece) bool {
		return !p.alone && !q.alone && p.fn == q.fn && p.goFile == q.goFile && p.ctx.role == q.ctx.role &&
			p.ctx.inTx == q.ctx.inTx && p.ctx.goose == q.ctx.goose && p.ctx.txWhy == q.ctx.txWhy
	}
	for i := 0; i < len(a.pieces); {
		j := i + 1
		for j < len(a.pieces) && same(a.pieces[i], a.pieces[j]) {
			j++
		}
		a.lintUnit(a.pieces[i:j])
		i = j
	}
}

// unitSeparator ends one string's last statement before the next string.
const unitSeparator = "\n;\n"

// lintUnit parses and lints the strings of one unit and records their
// findings at their Go positions.
func (a *pkgState) lintUnit(ps []*piece) {
	first := ps[0]
	d, _, rc, skip := a.settings(first.goFile)
	if skip {
		return
	}
	migration := first.ctx.role != roleNone || a.migrationPkg || migrationFile(first.goFile)
	if !migration && strings.HasSuffix(first.goFile, "_test.go") {
		// Tests build and tear down throwaway schemas.
		return
	}
	t := &sqlText{}
	starts := make([]int, len(ps))
	for k, p := range ps {
		if k > 0 {
			at := t.end(len(t.text))
			t.add(seg{n: len(unitSeparator), pos: at, end: at})
			t.text += unitSeparator
		}
		starts[k] = len(t.text)
		t.append(p.t)
	}
	script := parser.Parse(first.goFile, []byte(t.text), parser.Options{Dialect: d, Target: a.target(first.goFile, d), Framework: model.FrameworkUndefined})
	applyContext(script, first.ctx, first.ec.args || len(ps) > 1)
	for _, f := range rules.Run(script, withoutLockRules(rc)) {
		k := sort.Search(len(starts), func(i int) bool { return starts[i] > f.Span.Start }) - 1
		p := ps[max(k, 0)]
		if p.ctx.goGuard && f.Rule.Category == rules.Rerun {
			continue
		}
		if d == model.DialectUnknown && (f.Rule == rules.SyntaxError || len(f.Rule.Dialects) > 0) {
			// Nothing said which dialect this is: SQL neither parser
			// reads is more likely another database's (SQLite's
			// AUTOINCREMENT) than a mistake, and a rule about one
			// dialect must not speak on a guess.
			continue
		}
		if !migration && !schemaChange(f) {
			continue
		}
		pos, end := t.span(f.Span.Start, f.Span.End)
		call := a.pass.Fset.Position(p.ec.call.Pos())
		at := a.pass.Fset.Position(pos)
		a.diags = append(a.diags, &diag{
			pos: pos, end: end, rule: f.Rule, message: f.Message,
			anchors: []anchor{{call.Filename, call.Line}, {at.Filename, at.Line}},
			fix:     goFix(t, f.Fix),
		})
	}
}

// Application code runs SQL too, and its INSERT, UPDATE and DELETE are
// meant to run again and again: the re-run rules are about migrations. So
// outside migration code (a function a migration library registered, or
// one only such functions call; a package or file whose name says
// migration; a file named like a versioned migration, 00001_x.go) only
// findings on schema changes are reported: DDL that runs at every start,
// like migration code, must be re-runnable. Test files outside migration
// code are not linted at all.

// migrationNames matches package and file names that hold migrations.
var migrationNames = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)migrat`) })

// versioned matches migration file names: a version, then a name.
var versioned = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+[_.-]`) })

func migrationFile(path string) bool {
	base := filepath.Base(path)
	return migrationNames().MatchString(base) || versioned().MatchString(base)
}

// schemaChange reports whether a finding is about DDL, or about the
// linter's own comments, which count everywhere.
func schemaChange(f rules.Finding) bool {
	if f.Rule.Category == rules.Meta {
		return true
	}
	return f.Stmt != nil && (f.Stmt.Kind == model.KindDDL || f.Stmt.TopLevel().Kind == model.KindDDL)
}

// applyContext tells the parsed script what the Go code around it says:
// up or down, and whether a transaction wraps it. Only the rules read
// these fields, so setting them after parsing is the same as parsing with
// them set.
func applyContext(s *model.Script, ctx execContext, bindArgs bool) {
	inTx, why := ctx.inTx, ctx.txWhy
	if !inTx && s.Dialect == model.Postgres && !bindArgs && implicitTx(s) {
		inTx, why = true, "a multi-statement Exec"
	}
	for _, sec := range s.Sections {
		switch ctx.role {
		case roleUp:
			sec.Kind = model.SectionUp
		case roleDown:
			sec.Kind = model.SectionDown
		}
		sec.InTransaction = inTx
	}
	if ctx.inTx && !ctx.goose && s.Dialect.MySQLFamily() {
		// The code opened this transaction itself (a *sql.Tx, gorm's
		// Transaction): it promises all-or-nothing exactly as a BEGIN in
		// a .sql file does, and MySQL commits every DDL statement on its
		// own just the same (mysql-ddl-in-transaction). A framework's
		// transaction (goose's) is left alone, as in .sql files.
		for _, st := range s.Statements {
			if st.Kind != model.KindTx {
				st.InExplicitTx = true
			}
		}
	}
	switch {
	case ctx.goose && inTx == ctx.inTx:
		s.Framework = model.Goose
	case inTx:
		// The rules name the framework that opened the transaction;
		// here it is the Go construct that did.
		s.Framework = model.Framework(why)
	}
}

// implicitTx reports whether PostgreSQL runs the script as one implicit
// transaction: the simple query protocol wraps a query string of several
// statements in one, unless the string manages transactions itself.
func implicitTx(s *model.Script) bool {
	n := 0
	for _, st := range s.Statements {
		if st.Kind == model.KindTx {
			return false
		}
		n++
	}
	return n >= 2
}

// goFix turns a finding's fix into edits of the Go source when every edit
// falls inside one literal run and its text can be written there: as is
// in a raw string, escaped in an interpreted one (a rewrite's line breaks
// become \n, so the SQL the program sends is the fixed SQL).
func goFix(t *sqlText, fx *rules.Fix) *analysis.SuggestedFix {
	if fx == nil || len(fx.Edits) == 0 {
		return nil
	}
	out := &analysis.SuggestedFix{Message: fx.Message}
	for _, e := range fx.Edits {
		s, ok := t.editSeg(e.Start, e.End)
		if !ok {
			return nil
		}
		text, ok := literalText(e.Text, s.raw)
		if !ok {
			return nil
		}
		out.TextEdits = append(out.TextEdits, analysis.TextEdit{
			Pos: s.pos + token.Pos(e.Start-s.off), End: s.pos + token.Pos(e.End-s.off), NewText: []byte(text),
		})
	}
	return out
}

// literalText is text as it must be written inside a literal: unchanged
// in a raw string (which cannot hold a backquote or a carriage return),
// with Go escapes in an interpreted one.
func literalText(text string, raw bool) (string, bool) {
	if raw {
		return text, !strings.ContainsAny(text, "`\r")
	}
	q := strconv.Quote(text)
	return q[1 : len(q)-1], true
}

// lintEmbedded lints an embedded .sql file as the command would and
// reports at the file's own positions.
func (a *pkgState) lintEmbedded(path string) {
	var src []byte
	var err error
	if a.pass.ReadFile != nil {
		src, err = a.pass.ReadFile(path)
	}
	if a.pass.ReadFile == nil || err != nil {
		// Drivers do not list embedded files among a package's files, so
		// the checked ReadFile refuses them.
		src, err = os.ReadFile(path)
	}
	if err != nil {
		return
	}
	d, fw, rc, skip := a.settings(path)
	if skip {
		return
	}
	script := parser.Parse(path, src, parser.Options{Dialect: d, Target: a.target(path, d), Framework: fw})
	findings := rules.Run(script, withoutLockRules(rc))
	if len(findings) == 0 {
		return
	}
	tf := a.pass.Fset.AddFile(path, -1, len(src))
	tf.SetLinesForContent(src)
	at := func(off int) token.Pos { return tf.Pos(min(max(off, 0), len(src))) }
	for _, f := range findings {
		dg := &diag{pos: at(f.Span.Start), rule: f.Rule, message: f.Message,
			anchors: []anchor{{path, script.Lines.Line(f.Span.Start)}}}
		if f.Span.End > f.Span.Start {
			dg.end = at(f.Span.End)
		}
		a.diags = append(a.diags, dg)
	}
}

// withoutLockRules turns off the lock rules unless the configuration
// names them. They judge a migration against the schema its folder built
// before it (is this table new? what was the column's type?), and SQL in
// Go code has no such history: every table would count as a hot one,
// and missing-lock-timeout would ask each string for its own SET.
func withoutLockRules(rc *rules.Config) *rules.Config {
	out := &rules.Config{Disabled: map[string]bool{}}
	if rc != nil {
		c := *rc
		out = &c
		out.Disabled = make(map[string]bool, len(rc.Disabled))
		for id, v := range rc.Disabled {
			out.Disabled[id] = v
		}
	}
	for _, r := range rules.All() {
		if r.Category != rules.Lock {
			continue
		}
		if _, named := out.Severity[r.ID]; !named && !out.Only[r.ID] {
			out.Disabled[r.ID] = true
		}
	}
	return out
}

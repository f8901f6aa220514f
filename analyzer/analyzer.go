// Package analyzer is idemlint as a go/analysis Analyzer: it lints the SQL
// that Go code runs, and the .sql files a package embeds, with the same
// parser and rules as the idemlint command, and reports each finding where
// the offending clause is written (docs/go-analyzer.md is the user guide).
//
// # What it reads
//
// The query argument of calls that run SQL: Exec and ExecContext on
// database/sql's DB, Conn and Tx; Exec on pgx's Conn, Tx, pgxpool's Pool
// and pgconn's PgConn (v4 and v5); Exec, MustExec and MustExecContext on
// sqlx's DB and Tx (and sqlx.MustExec on any Execer); Exec on gorm's DB;
// ExecContext on bun's DB, Conn and Tx; and Exec-like methods of any interface that return sql.Result or
// pgconn.CommandTag (sqlc's DBTX, a project's own Execer). Calls are
// recognised by their receiver types through go/types (embedding and
// interfaces included), never by variable names. The query must be known
// at compile time: a constant expression, a variable written once with
// one, or each element of a literal list a range runs over (values.go);
// a package function that hands its parameter to an Exec is followed to
// its callers, one level (wrappers.go). Anything else is skipped without a
// word.
//
// # Positions
//
// Raw strings, and interpreted strings between their escapes, map byte for
// byte (strings.go): a finding lands on the line and column of the clause
// inside the literal; an escape sequence maps to itself. SQL held in a
// constant of this package is reported where the constant is declared.
//
// # Migration context
//
// The parser reads the strings with no framework (one section); the
// analyzer then sets that section's kind and transaction flag from what
// the Go code says (context.go), because no SQL directive can say "this
// runs in a *sql.Tx" without pretending to be some framework, whose name
// the messages would then give. The parser never reads these two fields,
// only the rules do, so setting them after parsing is exact;
// TestContextAfterParse pins that down.
//
// Functions registered with goose (or gormigrate, or bun's migrate) are up or down
// migrations, and the functions only they call share their role. SQL runs
// in a transaction when its receiver is one, or when an interface receiver
// sits in a function that takes one. The strings one function runs in turn
// are read as one script. Go code that reads the database and branches on
// the answer guards what it runs. Outside migration code only schema
// changes are reported (lint.go says why).
//
// # Dialect
//
// The -dialect flag; else the database drivers the package imports,
// directly or through its dependencies (a package fact carries them up
// the import graph), and the driver names it passes to sql.Open and the
// like; else .idemlint.yaml; else the drivers the module's go.mod
// requires; else the parser's guess from the SQL, on which syntax errors
// and single-dialect rules are not reported (dialect.go). Packages that
// only talk to databases idemlint does not read are skipped.
//
// # Embedded files
//
// Files ending in .sql named by the package's //go:embed directives are
// linted as the command would lint them, with findings at their own
// positions: each is added to the FileSet. The go command lists embedded
// files neither in OtherFiles nor in IgnoredFiles, so Pass.ReadFile refuses
// them; the analyzer then reads them from disk.
//
// # Diagnostics and suppressions
//
// Category is the rule ID, the message ends with [rule-id], and URL points
// at the rule's documentation. Suppression comments inside the SQL work as
// in .sql files; in Go, //idemlint:ignore rule[,rule] -- reason on the
// line of the call or the line above it (or of the finding) silences the
// findings it names, and //idemlint:ignore-file does so for the whole file
// (suppress.go). Fixes that map exactly into a literal are offered as
// suggested fixes.
package analyzer

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

const doc = `report SQL in Go code that is not safe to run twice

idemlint checks the constant SQL passed to database/sql, pgx, sqlx and gorm
Exec calls, and the .sql files embedded with //go:embed, for statements that
fail or change data again when a migration is re-run (CREATE without IF NOT
EXISTS, ADD COLUMN without a guard, bare INSERT, ...), for data loss, and for
statements at odds with the transaction they run in. Goose registrations
tell up from down and transaction from no-transaction migrations.`

// Options configure an analyzer made with New.
type Options struct {
	// Dialect is postgres, mysql or mariadb; empty means work it out.
	Dialect string
	// Config is the path of an .idemlint.yaml; empty means look for one
	// from each package's folder upwards.
	Config string
	// NoEmbed turns off linting of embedded .sql files (for projects that
	// lint them with the idemlint command already).
	NoEmbed bool
}

// Analyzer is idemlint with its settings taken from flags: -dialect,
// -config and -embed.
var Analyzer = New(Options{})

// New makes an analyzer with the given settings; the flags of the
// returned analyzer start from them.
func New(o Options) *analysis.Analyzer {
	s := &state{opts: o, configs: map[string]*loaded{}}
	a := &analysis.Analyzer{
		Name:      "idemlint",
		Doc:       doc,
		URL:       "https://github.com/idemlint/idemlint/blob/main/docs/go-analyzer.md",
		Requires:  []*analysis.Analyzer{inspect.Analyzer},
		FactTypes: []analysis.Fact{new(driverFact)},
		Run:       s.run,
	}
	a.Flags.StringVar(&s.opts.Dialect, "dialect", o.Dialect, "SQL dialect: postgres, mysql or mariadb (default: from the drivers the package imports, then .idemlint.yaml, then the SQL)")
	a.Flags.StringVar(&s.opts.Config, "config", o.Config, "path of an .idemlint.yaml (default: looked up from each package's folder)")
	a.Flags.BoolVar(&s.embed, "embed", !o.NoEmbed, "also lint the .sql files the package embeds with //go:embed")
	return a
}

// state is one analyzer's settings and caches, shared by its passes
// (which may run concurrently).
type state struct {
	opts    Options
	embed   bool
	mu      sync.Mutex
	configs map[string]*loaded // by directory, and by file path for -config
}

type loaded struct {
	cfg *config.Config
	err error
}

// pkgState is what one pass knows about its package.
type pkgState struct {
	pass       *analysis.Pass
	info       *types.Info
	consts     map[*types.Const]ast.Expr
	funcDecls  map[*types.Func]*ast.FuncDecl
	roles      map[ast.Node]registration
	txClosures map[*ast.FuncLit]bool
	writes     map[*types.Var][]write
	derived    map[*types.Var]bool
	cfg        *config.Config
	dialect    model.Dialect // from the flag or the drivers; unknown otherwise
	fromDriver bool
	// migrationPkg is set when the package's path or name says it holds
	// migrations.
	migrationPkg bool
	// moduleKinds are the drivers the module's go.mod requires, the last
	// hint before the SQL itself.
	moduleKinds dbKind
	wrappers    map[*types.Func]*wrapper
	pieces      []*piece
	diags       []*diag
}

func (s *state) run(pass *analysis.Pass) (any, error) {
	kinds := packageDrivers(pass)
	if len(pass.Files) == 0 || inGoroot(pass) {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !s.mayHaveSQL(pass, insp) {
		// Most packages of a project run no SQL: leave before the
		// indexing below.
		return nil, nil
	}
	a := &pkgState{
		pass: pass, info: pass.TypesInfo,
		funcDecls:  map[*types.Func]*ast.FuncDecl{},
		roles:      map[ast.Node]registration{},
		txClosures: map[*ast.FuncLit]bool{},
	}
	if s.opts.Dialect != "" {
		d, err := model.ParseDialect(s.opts.Dialect)
		if err != nil {
			return nil, fmt.Errorf("-dialect: %w", err)
		}
		a.dialect = d
	} else {
		d, skip := (kinds | namedDrivers(pass.TypesInfo, pass.Files)).dialect()
		if skip {
			return nil, nil
		}
		a.dialect, a.fromDriver = d, d != model.DialectUnknown
	}
	dir := filepath.Dir(fileName(pass, pass.Files[0]))
	cfg, err := s.config(dir)
	if err != nil {
		return nil, err
	}
	a.cfg = cfg
	if a.dialect == model.DialectUnknown {
		a.moduleKinds = moduleDrivers(dir)
	}

	a.migrationPkg = migrationNames().MatchString(pass.Pkg.Path()) || migrationNames().MatchString(pass.Pkg.Name())
	a.consts = constDecls(pass.Files, pass.TypesInfo)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					a.funcDecls[fn] = fd
				}
			}
		}
	}
	a.findRegistrations()
	a.propagateRoles()
	a.indexWrites()
	a.indexDerived()
	a.findWrappers(insp)

	insp.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		call := n.(*ast.CallExpr)
		ec := classify(pass.TypesInfo, call)
		var qs []*sqlText
		if ec != nil {
			qs = a.queries(ec.query)
		} else {
			ec, qs = a.wrapperCall(call)
		}
		if ec == nil || len(qs) == 0 {
			return true
		}
		goFile := pass.Fset.Position(ec.call.Pos()).Filename
		if cfg != nil && cfg.Excluded(goFile) {
			return true
		}
		ctx := a.contextOf(ec, stack)
		for _, q := range qs {
			a.addPiece(q, ec, ctx, goFile, stack)
		}
		return true
	})
	a.lintPieces()
	if s.embed {
		for _, p := range embeddedSQL(pass.Files, func(f *ast.File) string { return fileName(pass, f) }) {
			if cfg != nil && cfg.Excluded(p) {
				continue
			}
			a.lintEmbedded(p)
		}
	}
	a.report(readGoSuppressions(pass.Fset, pass.Files))
	return nil, nil
}

// mayHaveSQL reports whether the package calls anything that runs SQL or
// embeds files.
func (s *state) mayHaveSQL(pass *analysis.Pass, insp *inspector.Inspector) bool {
	found := false
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		if !found && classify(pass.TypesInfo, n.(*ast.CallExpr)) != nil {
			found = true
		}
	})
	if found || !s.embed {
		return found
	}
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//go:embed") {
					return true
				}
			}
		}
	}
	return false
}

// config loads the configuration that applies to a package folder.
func (s *state) config(dir string) (*config.Config, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := dir
	path := s.opts.Config
	if path != "" {
		path = resolveConfig(path, dir)
		key = "file:" + path
	}
	if l, ok := s.configs[key]; ok {
		return l.cfg, l.err
	}
	l := &loaded{}
	if path == "" {
		if p, ok := config.Find(dir); ok {
			path = p
		}
	}
	if path != "" {
		l.cfg, l.err = config.Load(path)
		if l.err != nil {
			l.err = fmt.Errorf("idemlint: %w", l.err)
		}
	}
	s.configs[key] = l
	return l.cfg, l.err
}

// resolveConfig finds a relative -config path. go vet runs its tool in
// each package's folder, not where the user typed the command, so a
// relative path is looked up from the package folder upwards (the module
// root, where one usually runs go vet, is among those folders).
func resolveConfig(path, dir string) string {
	if filepath.IsAbs(path) {
		return path
	}
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, path)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(d) == d {
			return path
		}
	}
}

// settings resolves the dialect, framework and rule settings of a file.
// skip is true when the file's SQL is for a database idemlint does not
// read.
func (a *pkgState) settings(path string) (d model.Dialect, fw model.Framework, rc *rules.Config, skip bool) {
	d = a.dialect
	if a.cfg != nil {
		st := a.cfg.For(path)
		rc, fw = st.Rules, st.Framework
		switch {
		case d == model.DialectUnknown:
			d = st.Dialect
		case a.fromDriver && d == model.MySQL && st.Dialect == model.MariaDB:
			d = model.MariaDB
		}
	}
	if d == model.DialectUnknown {
		d, skip = a.moduleKinds.dialect()
	}
	return d, fw, rc, skip
}

// target is the configuration's server version for a file of dialect d;
// zero (the dialect's default) when it names none or another dialect.
func (a *pkgState) target(path string, d model.Dialect) model.Target {
	if a.cfg == nil {
		return model.Target{}
	}
	if t := a.cfg.For(path).Target; t.Dialect == d {
		return t
	}
	return model.Target{}
}

// diag is a finding on its way to becoming a diagnostic.
type diag struct {
	pos, end token.Pos
	rule     *rules.Rule
	message  string
	anchors  []anchor
	fix      *analysis.SuggestedFix
}

// report applies Go suppressions, drops duplicates (a constant used by
// several calls), and hands the rest to the pass in source order.
func (a *pkgState) report(sups []*goSuppression) {
	var out []*diag
	for _, d := range a.diags {
		if !suppressed(sups, d) {
			out = append(out, d)
		}
	}
	cfgOf := func(pos token.Pos) *rules.Config {
		_, _, rc, _ := a.settings(a.pass.Fset.Position(pos).Filename)
		return rc
	}
	for _, s := range sups {
		r, msg := s.problem()
		if r == nil || !cfgOf(s.pos).Enabled(r.ID) {
			continue
		}
		out = append(out, &diag{pos: s.pos, end: s.end, rule: r, message: msg})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].pos != out[j].pos {
			return out[i].pos < out[j].pos
		}
		return out[i].rule.ID < out[j].rule.ID
	})
	type key struct {
		pos, end token.Pos
		msg      string
	}
	seen := map[key]bool{}
	for _, d := range out {
		k := key{d.pos, d.end, d.message + d.rule.ID}
		if seen[k] {
			continue
		}
		seen[k] = true
		dg := analysis.Diagnostic{
			Pos:      d.pos,
			Category: d.rule.ID,
			Message:  d.message + " [" + d.rule.ID + "]",
			URL:      d.rule.HelpURI(),
		}
		if d.end > d.pos {
			dg.End = d.end
		}
		if d.fix != nil {
			dg.SuggestedFixes = []analysis.SuggestedFix{*d.fix}
		}
		a.pass.Report(dg)
	}
}

// fileName is the name the FileSet knows a file by.
func fileName(pass *analysis.Pass, f *ast.File) string {
	return pass.Fset.File(f.FileStart).Name()
}

// inGoroot reports whether the package is part of the Go distribution:
// the analyzer runs there only to pass facts along.
func inGoroot(pass *analysis.Pass) bool {
	root := build.Default.GOROOT
	if root == "" {
		return false
	}
	name := fileName(pass, pass.Files[0])
	return strings.HasPrefix(filepath.Clean(name), filepath.Clean(root)+string(filepath.Separator))
}

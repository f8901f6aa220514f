package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/parser/model"
)

// dbKind is a set of database families a package talks to.
type dbKind uint8

const (
	dbPostgres dbKind = 1 << iota
	dbMySQL
	dbOther // SQLite, SQL Server, ClickHouse, ...: not a dialect idemlint reads
)

// driverFact records the databases a package reaches through the drivers
// it imports, directly or through its dependencies. Facts travel from a
// dependency to the packages that import it, which is how a package that
// imports a driver's registration through another package still learns
// the dialect.
type driverFact struct {
	Kinds dbKind
}

func (*driverFact) AFact() {}

func (f *driverFact) String() string { return "drivers(" + f.Kinds.String() + ")" }

func (k dbKind) String() string {
	var parts []string
	if k&dbPostgres != 0 {
		parts = append(parts, "postgres")
	}
	if k&dbMySQL != 0 {
		parts = append(parts, "mysql")
	}
	if k&dbOther != 0 {
		parts = append(parts, "other")
	}
	return strings.Join(parts, ",")
}

// driverPaths are import paths (and their subpackages) that mean a
// database family.
var driverPaths = []struct {
	prefix string
	kind   dbKind
}{
	{"github.com/lib/pq", dbPostgres},
	{"github.com/jackc/pgx", dbPostgres},
	{"github.com/jackc/pgconn", dbPostgres},
	{"gorm.io/driver/postgres", dbPostgres},
	{"github.com/uptrace/bun/dialect/pgdialect", dbPostgres},
	{"github.com/uptrace/bun/driver/pgdriver", dbPostgres},
	{"github.com/go-pg/pg", dbPostgres},
	{"github.com/go-sql-driver/mysql", dbMySQL},
	{"gorm.io/driver/mysql", dbMySQL},
	{"github.com/uptrace/bun/dialect/mysqldialect", dbMySQL},
	{"github.com/mattn/go-sqlite3", dbOther},
	{"modernc.org/sqlite", dbOther},
	{"github.com/glebarez/sqlite", dbOther},
	{"github.com/glebarez/go-sqlite", dbOther},
	{"github.com/ncruces/go-sqlite3", dbOther},
	{"gorm.io/driver/sqlite", dbOther},
	{"gorm.io/driver/sqlserver", dbOther},
	{"github.com/microsoft/go-mssqldb", dbOther},
	{"github.com/denisenkom/go-mssqldb", dbOther},
	{"github.com/ClickHouse/clickhouse-go", dbOther},
}

func pathKind(p string) dbKind {
	for _, d := range driverPaths {
		if p == d.prefix || strings.HasPrefix(p, d.prefix+"/") {
			return d.kind
		}
	}
	return 0
}

// driverNames are database/sql driver names and goose dialect names.
var driverNames = map[string]dbKind{
	"postgres": dbPostgres, "postgresql": dbPostgres, "pgx": dbPostgres, "pgx/v5": dbPostgres,
	"pgx/v4": dbPostgres, "cloudsqlpostgres": dbPostgres, "redshift": dbPostgres,
	"mysql": dbMySQL, "tidb": dbMySQL, "mariadb": dbMySQL,
	"sqlite": dbOther, "sqlite3": dbOther, "mssql": dbOther, "sqlserver": dbOther,
	"clickhouse": dbOther, "vertica": dbOther, "ydb": dbOther, "turso": dbOther, "libsql": dbOther,
}

// packageDrivers computes the package's databases from its imports and
// the facts of its dependencies, and exports them for its importers.
func packageDrivers(pass *analysis.Pass) dbKind {
	var k dbKind
	for _, imp := range pass.Pkg.Imports() {
		k |= pathKind(imp.Path())
		var f driverFact
		if pass.ImportPackageFact(imp, &f) {
			k |= f.Kinds
		}
	}
	if k != 0 && pass.Pkg.Name() != "main" { // nothing imports a main package
		pass.ExportPackageFact(&driverFact{Kinds: k})
	}
	return k
}

// namedDrivers reads constant driver and dialect names the package passes
// to sql.Open, sqlx.Open/Connect and goose.SetDialect/NewProvider.
func namedDrivers(info *types.Info, files []*ast.File) dbKind {
	var k dbKind
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fn, _ := typeutil.Callee(info, call).(*types.Func)
			if fn == nil || fn.Pkg() == nil {
				return true
			}
			path, name := fn.Pkg().Path(), fn.Name()
			switch {
			case path == "database/sql" && name == "Open",
				path == "github.com/jmoiron/sqlx" && (strings.HasSuffix(name, "Open") || strings.HasSuffix(name, "Connect")),
				goosePkg().MatchString(path) && (name == "SetDialect" || name == "NewProvider" || name == "OpenDBWithDriver"):
			default:
				return true
			}
			tv := info.Types[call.Args[0]]
			if tv.Value != nil && tv.Value.Kind() == constant.String {
				k |= driverNames[strings.ToLower(constant.StringVal(tv.Value))]
			}
			return true
		})
	}
	return k
}

// dialectOf picks the dialect a set of databases means: one of PostgreSQL
// and MySQL, or nothing when both or neither appear. skip is true when
// the package talks only to databases idemlint does not read.
func (k dbKind) dialect() (d model.Dialect, skip bool) {
	switch {
	case k&dbPostgres != 0 && k&dbMySQL == 0:
		return model.Postgres, false
	case k&dbMySQL != 0 && k&dbPostgres == 0:
		return model.MySQL, false
	case k == dbOther:
		return model.DialectUnknown, true
	}
	return model.DialectUnknown, false
}

// moduleDrivers reads the drivers a module requires from its go.mod, the
// nearest one above dir: a migrations package often imports no driver
// (the program's main package does), but its module requires one.
func moduleDrivers(dir string) dbKind {
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			return requiredDrivers(string(data))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return 0
		}
		dir = parent
	}
}

// requiredDrivers scans go.mod text for required driver modules.
func requiredDrivers(gomod string) dbKind {
	var k dbKind
	inBlock := false
	for _, line := range strings.Split(gomod, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch {
		case f[0] == "require" && len(f) > 1 && f[1] == "(":
			inBlock = true
			continue
		case inBlock && f[0] == ")":
			inBlock = false
			continue
		case f[0] == "require" && len(f) > 1:
			f = f[1:]
		case !inBlock:
			continue
		}
		k |= pathKind(f[0])
	}
	return k
}

package analyzer_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
)

func TestCalls(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "calls")
}

func TestGoose(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "gooseup")
}

func TestBun(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "bunmig")
}

func TestSuppressions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "suppress")
}

// TestDriverDialect: the MySQL driver imported by a dependency makes the
// SQL MySQL; a package that talks only to SQLite is left alone.
func TestDriverDialect(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "mysqlapp", "sqliteapp")
}

func TestTransactionContext(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "ctxforms")
}

// TestConfig: .idemlint.yaml gives the dialect, turns rules off, and
// overrides per file.
func TestConfig(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "configured")
}

// TestDialectSetting: without a driver or a configuration, the SQL decides
// (it parses as PostgreSQL, where the statement is fine); the dialect
// setting overrides that.
func TestDialectSetting(t *testing.T) {
	const sqliteErr = `migration.go:15:64: syntax error near "AUTOINCREMENT)" [syntax-error] (syntax-error)`
	for _, c := range []struct {
		dialect string
		want    []string
	}{
		{"", nil},
		{"mariadb", []string{sqliteErr}},
		{"mysql", []string{"migration.go:9:36-9:49: MySQL 8.4 rejects IF NOT EXISTS on add column: the statement fails on its first run [mysql-unsupported-if-exists] (mysql-unsupported-if-exists)", sqliteErr}},
	} {
		a := analyzer.New(analyzer.Options{Dialect: c.dialect})
		got := run(t, a, "nodriver")
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("dialect %q:\n%s\nwant:\n%s", c.dialect, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

// TestValues: variables written once, ranges over literal lists and
// struct fields, and Go code that checks the database first.
func TestValues(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "values")
}

// TestUnknownDialect: with no dialect from anywhere, syntax errors are not
// reported (the SQL may be another database's); with one, they are.
func TestUnknownDialect(t *testing.T) {
	if got := run(t, analyzer.New(analyzer.Options{}), "nodriver"); len(got) != 0 {
		t.Errorf("no dialect: %v, want nothing", got)
	}
	got := run(t, analyzer.New(analyzer.Options{Dialect: "postgres"}), "nodriver")
	want := `migration.go:15:64: syntax error at or near "AUTOINCREMENT" [syntax-error] (syntax-error)`
	if strings.Join(got, "\n") != want {
		t.Errorf("postgres:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestModuleDrivers: with no driver in the package's imports, the drivers
// its go.mod requires decide.
func TestModuleDrivers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "modsqlite", "modpg")
}

// TestApplicationCode: outside migration code only schema changes are
// reported, and test files are left alone.
func TestApplicationCode(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "appcode")
}

// TestTransactionHandles: SQL on a transaction handle of any library runs
// in that transaction wherever the code is: parameters, locals from
// Begin and BeginTx, closures, aliases, embedded and own types.
func TestTransactionHandles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "txhandles")
}

// TestMySQLTransactionHandles: DDL on a transaction the code opened is
// mysql-ddl-in-transaction, as after a BEGIN in a .sql file; goose's own
// transaction, data changes and the pool are not.
func TestMySQLTransactionHandles(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "txmysql")
}

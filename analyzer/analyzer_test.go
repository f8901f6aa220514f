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
	for _, c := range []struct {
		dialect string
		want    []string
	}{
		{"", nil},
		{"mariadb", nil},
		{"mysql", []string{"nodriver.go:9:36-9:49: MySQL 8.0 rejects IF NOT EXISTS on add column: the statement fails on its first run [mysql-unsupported-if-exists] (mysql-unsupported-if-exists)"}},
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

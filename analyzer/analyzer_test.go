package analyzer_test

import (
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

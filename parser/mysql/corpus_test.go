package mysql_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
)

// knownInvalid lists corpus files that MySQL itself rejects, by the end of
// their path, with the reason.
var knownInvalid = map[string]string{
	"gophish__gophish/db/db_mysql/migrations/20190105192341_0.8.0_rbac.sql":                  "the Down section's three DROP TABLE statements have no semicolons: goose sends them as one statement",
	"mattermost__mattermost/server/channels/db/migrations/mysql/000006_create_emojis.up.sql": "prepared 'CREATE INDEX ON Emoji(...)' strings have no index name (never run: the indexes already exist)",
}

// TestCorpus reads every .sql file under $IDEMLINT_MYSQL_CORPUS and reports
// what the adapter found; it fails on syntax errors outside knownInvalid.
// It is skipped when the variable is not set: the corpus is not part of
// the repository.
func TestCorpus(t *testing.T) {
	root := os.Getenv("IDEMLINT_MYSQL_CORPUS")
	if root == "" {
		t.Skip("IDEMLINT_MYSQL_CORPUS not set")
	}
	var files, stmts, errs, children, known, unknown, handlers int
	var elapsed time.Duration
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		start := time.Now()
		s := parser.Parse(p, src, parser.Options{Dialect: dialect()})
		elapsed += time.Since(start)
		s.Walk(func(st *model.Statement) {
			stmts++
			if st.Parent != nil {
				children++
			}
			if st.Err != nil {
				errs++
				pos := s.Lines.Position(st.Err.Pos)
				rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
				if why, ok := knownInvalid[rel]; ok {
					t.Logf("%s:%d:%d: %s (known invalid: %s)", p, pos.Line, pos.Column, st.Err.Message, why)
				} else {
					t.Errorf("%s:%d:%d: %s", p, pos.Line, pos.Column, st.Err.Message)
				}
			}
		})
		seen := map[*model.Predicate]bool{}
		s.Walk(func(st *model.Statement) {
			for _, g := range st.Guards {
				if seen[g] {
					continue
				}
				seen[g] = true
				switch {
				case g.Source == model.PredHandler:
					handlers++
				case g.Known:
					known++
				default:
					unknown++
					if os.Getenv("IDEMLINT_VERBOSE") != "" {
						t.Logf("unknown predicate %s:%d: %s", p, s.Lines.Line(g.Span.Start), g.Text)
					}
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("files %d, statements %d (nested %d), syntax errors %d, predicates known %d / unknown %d, handlers %d, parse time %v",
		files, stmts, children, errs, known, unknown, handlers, elapsed)
}

// dialect is the one the corpus test reads with: mysql, or mariadb when
// IDEMLINT_DIALECT says so.
func dialect() model.Dialect {
	if d, err := model.ParseDialect(os.Getenv("IDEMLINT_DIALECT")); err == nil {
		return d
	}
	return model.MySQL
}

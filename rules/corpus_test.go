package rules_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// TestCorpus lints a folder of real migrations laid out as
// <dialect>/<project>/... when IDEMLINT_CORPUS names it, and compares the
// re-run findings with ground-truth verdicts (ground-truth/<dialect>/<project>.tsv:
// file, verdict) where present. It fails on syntax errors; the agreement
// table is printed with -v. Without the variable it is skipped: the corpus
// is not part of the repository.
func TestCorpus(t *testing.T) {
	root := os.Getenv("IDEMLINT_CORPUS")
	if root == "" {
		t.Skip("IDEMLINT_CORPUS not set")
	}
	for _, dialect := range []string{"postgres", "mysql"} {
		projects, _ := os.ReadDir(filepath.Join(root, dialect))
		for _, p := range projects {
			if !p.IsDir() {
				continue
			}
			corpusProject(t, root, dialect, p.Name())
		}
	}
}

// invalidCorpusFiles are corpus files that the servers reject too: their
// syntax errors are expected.
var invalidCorpusFiles = map[string]string{
	"mysql/gophish__gophish/db/db_mysql/migrations/20190105192341_0.8.0_rbac.sql":                  "the down section's DROP TABLE statements lack the semicolons between them",
	"mysql/mattermost__mattermost/server/channels/db/migrations/mysql/000006_create_emojis.up.sql": "the prepared CREATE INDEX statements lack an index name",
}

func corpusProject(t *testing.T, root, dialect, project string) {
	d, _ := model.ParseDialect(dialect)
	dir := filepath.Join(root, dialect, project)
	truth := readTruth(filepath.Join(root, "ground-truth", dialect, project+".tsv"))
	var files, syntax int
	flagged := map[string][]string{} // base name -> rule IDs in up sections
	_ = filepath.WalkDir(dir, func(path string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(path, ".sql") {
			return err
		}
		files++
		src, _ := os.ReadFile(path)
		s := parser.Parse(path, src, parser.Options{Dialect: d})
		key := truthKey(dir, path, truth)
		for _, f := range rules.Run(s, nil) {
			if f.Rule.ID == "syntax-error" {
				syntax++
				pos := s.Lines.Position(f.Span.Start)
				report := t.Errorf
				if rel, _ := filepath.Rel(root, path); invalidCorpusFiles[filepath.ToSlash(rel)] != "" {
					report = t.Logf // expected: the file is not valid SQL
				}
				report("%s:%d:%d: syntax error: %s", path, pos.Line, pos.Column, f.Message)
			}
			if f.Rule.Category == rules.Rerun && !inDownSection(f) {
				flagged[key] = append(flagged[key], f.Rule.ID)
			}
		}
		if _, ok := flagged[key]; !ok {
			flagged[key] = nil
		}
		return nil
	})
	t.Logf("%s/%s: %d files, %d syntax errors", dialect, project, files, syntax)
	if len(truth) == 0 {
		return
	}
	var agree, falseAlarm, miss, skipped int
	var lines []string
	for file, verdict := range truth {
		ids, seen := flagged[file]
		if !seen || verdict == "first-run-error" {
			skipped++
			continue
		}
		unsafe := verdict == "rerun-error" || verdict == "rerun-diverges"
		switch {
		case unsafe == (len(ids) > 0):
			agree++
		case unsafe:
			miss++
			lines = append(lines, fmt.Sprintf("  miss        %s (%s)", file, verdict))
		default:
			falseAlarm++
			lines = append(lines, fmt.Sprintf("  false alarm %s %v", file, uniq(ids)))
		}
	}
	sort.Strings(lines)
	t.Logf("%s/%s vs ground truth: %d agree, %d false alarms, %d misses, %d not compared\n%s",
		dialect, project, agree, falseAlarm, miss, skipped, strings.Join(lines, "\n"))
}

func inDownSection(f rules.Finding) bool {
	return f.Stmt != nil && f.Stmt.Section != nil && f.Stmt.Section.IsDown()
}

// truthKey names a file the way the ground truth does: relative to the
// project's migrations folder, which is the folder of the truth's files.
func truthKey(dir, path string, truth map[string]string) string {
	rel, _ := filepath.Rel(dir, path)
	rel = filepath.ToSlash(rel)
	for k := range truth {
		if strings.HasSuffix(rel, "/"+k) || rel == k {
			return k
		}
	}
	return rel
}

func readTruth(path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) >= 2 {
			out[cols[0]] = cols[1]
		}
	}
	return out
}

func uniq(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

package rules_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// deepInputEnv names the file TestDeepInputChild lints.
const deepInputEnv = "IDEMLINT_DEEP_INPUT"

// TestDeepInput lints deeply nested statements in a child process, so
// that a crash in the C parser (a SIGSEGV, which no recover catches)
// fails this test instead of killing the test binary. libpg_query used to
// crash on each of these. The deep statement must draw an invalid-input
// finding at its first keyword, and the statement after it must still be
// linted.
func TestDeepInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100 KB inputs and runs a child process per input")
	}
	cases := map[string]string{
		"plus":        "SELECT 1" + strings.Repeat(" + 1", 25000) + ";",
		"casts":       "SELECT 1" + strings.Repeat("::int", 30000) + ";",
		"join":        "SELECT 1 FROM t" + strings.Repeat(" JOIN t ON true", 30000) + ";",
		"union":       "SELECT 1" + strings.Repeat(" UNION SELECT 1", 30000) + ";",
		"parentheses": "SELECT " + strings.Repeat("(", 20000) + "1" + strings.Repeat(")", 20000) + ";",
		"blocks":      "DO $$ " + strings.Repeat("BEGIN ", 4000) + "NULL;" + strings.Repeat(" END;", 4000) + " $$;",
		"body-sql":    "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1" + strings.Repeat(" + 1", 30000) + "; END $$;",
		"execute":     "DO $$ BEGIN EXECUTE 'SELECT 1" + strings.Repeat(" + 1", 30000) + "'; END $$;",
	}
	dir := t.TempDir()
	for name, stmt := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".sql")
			src := stmt + "\nALTER TABLE t ADD COLUMN c int;\n"
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestDeepInputChild$", "-test.v")
			cmd.Env = append(os.Environ(), deepInputEnv+"="+path)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				t.Fatalf("the child process failed (%v): the parser crashed on the input\n%.2000s", ee, out.String())
			} else if err != nil {
				t.Fatal(err)
			}
			got := out.String()
			for _, want := range []string{"finding 1:invalid-input", "finding 2:add-column-without-guard"} {
				if !strings.Contains(got, want) {
					t.Errorf("missing %q in:\n%.2000s", want, got)
				}
			}
			if strings.Contains(got, "internal-error") || strings.Contains(got, "syntax-error") {
				t.Errorf("a statement past the bound is invalid input, nothing else:\n%.2000s", got)
			}
		})
	}
}

// TestDeepInputChild is the child of TestDeepInput: it lints the file
// named in the environment and prints the findings.
func TestDeepInputChild(t *testing.T) {
	path := os.Getenv(deepInputEnv)
	if path == "" {
		t.Skip("run by TestDeepInput")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []model.Dialect{model.Postgres, model.DialectUnknown} {
		s := parser.Parse(path, src, parser.Options{Dialect: d})
		for _, f := range rules.Run(s, nil) {
			fmt.Printf("finding %d:%s\n", s.Lines.Line(f.Span.Start), f.Rule.ID)
		}
	}
}

// TestUnreadStatementFindings: the engine reports a statement the parser
// did not read by why: a syntax error, a bound (invalid input), or the
// parser's own failure (internal error), each at the error's position.
func TestUnreadStatementFindings(t *testing.T) {
	src := []byte("SELECT 1;\nSELECT 2;\nSELECT 3;\n")
	s := parser.Parse("m.sql", src, parser.Options{Dialect: model.Postgres})
	if len(s.Statements) != 3 {
		t.Fatalf("%d statements, want 3", len(s.Statements))
	}
	for i, k := range []model.ErrKind{model.ErrSyntax, model.ErrLimit, model.ErrInternal} {
		st := s.Statements[i]
		st.Err = &model.SyntaxError{Kind: k, Message: "m", Pos: st.Span.Start + 7}
	}
	var got []string
	for _, f := range rules.Run(s, nil) {
		p := s.Lines.Position(f.Span.Start)
		got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Column, f.Rule.ID))
	}
	want := "1:8 syntax-error|2:8 invalid-input|3:8 internal-error"
	if strings.Join(got, "|") != want {
		t.Errorf("findings %q, want %q", got, want)
	}
}

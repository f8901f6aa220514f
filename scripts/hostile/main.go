// Command hostile generates a corpus of hostile inputs (deep nesting,
// giant lines, odd file names, control and bidi characters, binary and
// non-UTF-8 content, YAML bombs) and runs an idemlint binary over it in
// every output format, with --fix and under bomb configurations. It fails
// when a run crashes or exits outside 0-2, when an output does not parse,
// when a line on stdout or stderr would be taken as a workflow command by
// a GitHub runner, or when a run passes its time or memory bound.
//
//	go run ./scripts/hostile -bin path/to/idemlint
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
	"unicode"
)

// The bounds of one run over the whole corpus.
const (
	maxWall = 90 * time.Second
	// A 1.6 MB INSERT of 400,000 rows takes about 475 MB in libpg_query's
	// tree, and two files are parsed at once.
	maxRSS = 1536 << 20 // bytes
)

var formats = []string{"text", "json", "sarif", "github", "gitlab", "checkstyle", "junit"}

func main() {
	bin := flag.String("bin", "", "the idemlint binary to test")
	keep := flag.String("keep", "", "write the corpus to this folder and keep it")
	flag.Parse()
	os.Exit(hostile(*bin, *keep))
}

func hostile(bin, keep string) int {
	if bin == "" {
		fmt.Fprintln(os.Stderr, "hostile: -bin is required")
		return 2
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		return 2
	}
	dir := keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "idemlint-hostile-"); err != nil {
			fmt.Fprintln(os.Stderr, "hostile:", err)
			return 2
		}
		defer os.RemoveAll(dir)
	}
	failures := run(abs, dir)
	for _, f := range failures {
		fmt.Println("FAIL:", f)
	}
	if len(failures) > 0 {
		fmt.Printf("hostile: %d failed\n", len(failures))
		return 1
	}
	fmt.Println("hostile: every run stayed within its bounds")
	return 0
}

func run(bin, dir string) []string {
	var fails []string
	failf := func(format string, a ...any) { fails = append(fails, fmt.Sprintf(format, a...)) }
	sqlDir := filepath.Join(dir, "sql")
	if err := writeCorpus(sqlDir); err != nil {
		return []string{err.Error()}
	}
	for _, format := range formats {
		res := exe(bin, sqlDir, "--no-config", "--fail-on", "none", "--format", format, ".")
		check(res, format, failf)
	}
	// --fix over a copy: exit 0-2, and the files it must not touch keep
	// every byte.
	fixDir := filepath.Join(dir, "fix")
	if err := copyTree(sqlDir, fixDir); err != nil {
		return append(fails, err.Error())
	}
	res := exe(bin, fixDir, "--no-config", "--fail-on", "none", "--fix", ".")
	check(res, "text --fix", failf)
	for _, name := range untouchable {
		a, _ := os.ReadFile(filepath.Join(sqlDir, name))
		b, _ := os.ReadFile(filepath.Join(fixDir, name))
		if !bytes.Equal(a, b) {
			failf("--fix changed %q, which it must leave alone", name)
		}
	}
	// Configuration bombs: each is refused quickly with exit 2.
	for name, body := range configBombs() {
		cdir := filepath.Join(dir, "config-"+name)
		if err := os.MkdirAll(cdir, 0o755); err != nil {
			return append(fails, err.Error())
		}
		files := map[string][]byte{".idemlint.yaml": body, "a.sql": []byte("SELECT 1;\n")}
		if err := writeFiles(cdir, files); err != nil {
			return append(fails, err.Error())
		}
		res := exe(bin, cdir, "a.sql")
		check(res, "config "+name, failf)
		if res.code != 2 {
			failf("config %s: exit %d, want 2 (a refused configuration)", name, res.code)
		}
	}
	return fails
}

type result struct {
	stdout, stderr []byte
	code           int
	wall           time.Duration
	rss            int64
	err            error
}

func exe(bin, dir string, args ...string) result {
	ctx, cancel := context.WithTimeout(context.Background(), maxWall)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "NO_COLOR=1"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.Bytes(), stderr: errb.Bytes(), wall: time.Since(start)}
	if cmd.ProcessState != nil {
		r.code = cmd.ProcessState.ExitCode()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.rss = ru.Maxrss * 1024
		}
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		r.err = err
	}
	if ctx.Err() != nil {
		r.err = fmt.Errorf("ran past %s", maxWall)
	}
	return r
}

// annotation is a workflow command the github format writes on purpose.
var annotation = regexp.MustCompile(`^::(error|warning|notice)( [^:]*)?::`)

func check(r result, what string, failf func(string, ...any)) {
	if r.err != nil {
		failf("%s: %v\nstderr: %s", what, r.err, head(r.stderr))
		return
	}
	if r.code < 0 || r.code > 2 {
		failf("%s: exit %d (a crash or a signal)\nstderr: %s", what, r.code, head(r.stderr))
	}
	if r.rss > maxRSS {
		failf("%s: peak memory %d MiB, over %d MiB", what, r.rss>>20, maxRSS>>20)
	}
	fmt.Printf("%-16s exit %d  %6.2fs  %4d MiB\n", what, r.code, r.wall.Seconds(), r.rss>>20)
	if err := parses(what, r.stdout); err != nil {
		failf("%s: the output does not parse: %v", what, err)
	}
	for _, stream := range [][]byte{r.stdout, r.stderr} {
		// The runner splits lines at LF; a CR left in a line is its own
		// business, so split at both to be strict.
		for _, l := range strings.FieldsFunc(string(stream), func(c rune) bool { return c == '\n' || c == '\r' }) {
			t := strings.TrimLeftFunc(l, unicode.IsSpace)
			if what == "github" && annotation.MatchString(t) {
				continue
			}
			if strings.HasPrefix(t, "::") || strings.Contains(l, "##[") {
				failf("%s: a GitHub runner would obey this line: %q", what, l)
			}
		}
	}
}

func parses(what string, out []byte) error {
	switch what {
	case "json", "sarif", "gitlab":
		var v any
		return json.Unmarshal(out, &v)
	case "checkstyle", "junit":
		d := xml.NewDecoder(bytes.NewReader(out))
		for {
			if _, err := d.Token(); errors.Is(err, io.EOF) {
				return nil
			} else if err != nil {
				return err
			}
		}
	}
	return nil
}

func head(b []byte) string {
	if len(b) > 2000 {
		b = b[:2000]
	}
	return string(b)
}

// untouchable are corpus files --fix must leave byte for byte.
var untouchable = []string{"syntax_error.sql", "copy_stdin.sql", "deep_plus.sql", "control.sql", "binary.sql", "latin1.sql"}

func writeCorpus(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rep := strings.Repeat
	files := map[string][]byte{
		// Deep nesting, before and inside the C parser.
		"deep_plus.sql":    []byte("SELECT 1" + rep(" + 1", 25000) + ";\nALTER TABLE t ADD COLUMN c int;\n"),
		"deep_parens.sql":  []byte("SELECT " + rep("(", 100000) + "1" + rep(")", 100000) + ";\n"),
		"deep_case.sql":    []byte("SELECT " + rep("CASE WHEN true THEN ", 20000) + "1" + rep(" END", 20000) + ";\n"),
		"deep_plpgsql.sql": []byte("DO $$\n" + rep("BEGIN\n", 5000) + "NULL;\n" + rep("END;\n", 5000) + "$$;\n"),
		"deep.mysql.sql":   []byte("SELECT " + rep("(", 100000) + "1" + rep(")", 100000) + ";\n"),
		"deep_json.sql":    []byte("SELECT '" + rep("[", 100000) + "'::jsonb;\n"),
		// Giant lines.
		"long_line.sql":       []byte("INSERT INTO t VALUES " + strings.TrimSuffix(rep("(1),", 400000), ",") + ";\n"),
		"long_ident.sql":      []byte("CREATE TABLE " + rep("a", 1<<20) + " (id int);\n"),
		"long_comment.sql":    []byte("-- " + rep("x", 4<<20) + "\nCREATE TABLE t (id int);\n"),
		"long.mysql.sql":      []byte("INSERT INTO t VALUES " + strings.TrimSuffix(rep("(1),", 400000), ",") + ";\n"),
		"unterminated.sql":    []byte("CREATE TABLE t (id int);\n/* " + rep("never closed ", 10000)),
		"unterminated_q.sql":  []byte("SELECT '" + rep("x", 100000)),
		"many_statements.sql": []byte(rep("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n", 50000)),
		// What a reviewer must see as it is.
		"control.sql":         []byte("-- \x1b[2J\x1b[31mred\x07\n::stop-commands::tok\nALTER TABLE t ADD COLUMN c int; -- \u202eevil\u2066 \u200b\n##[add-mask]secret\n"),
		"syntax_error.sql":    []byte("CREATE TABLE t (id int);\n  ::stop-commands::tok\nALTER TABLE t ADD COLUMN c int;\n"),
		"lone_cr.sql":         []byte("-- c\rALTER TABLE t ADD COLUMN c int;\r"),
		"bom.sql":             []byte("\ufeffCREATE TABLE t (id int);\n"),
		"crlf.sql":            []byte("CREATE TABLE t (id int);\r\nALTER TABLE t ADD COLUMN c int;\r\n"),
		"empty.sql":           nil,
		"blank.sql":           []byte(" \n\t\n"),
		"binary.sql":          []byte("CREATE\x00TABLE t;\n"),
		"latin1.sql":          []byte("-- caf\xe9\nCREATE TABLE t (id int);\n"),
		"copy_stdin.sql":      []byte("COPY t (a) FROM stdin;\nCREATE TABLE x (a int);\nALTER TABLE t ADD COLUMN c int;\n\\.\n"),
		"exec.mysql.sql":      []byte("/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */;;\n/*! ALTER TABLE t ADD COLUMN c int */;\n/*!"),
		"delimiter.mysql.sql": []byte("DELIMITER //\nCREATE PROCEDURE p() BEGIN " + rep("IF 1 THEN ", 3000) + "SELECT 1;" + rep(" END IF;", 3000) + " END//\nDELIMITER ;\nCALL p();\n"),
		"goose.sql":           []byte("-- +goose Up\n-- +goose StatementBegin\n" + rep("-- +goose StatementBegin\n", 1000) + "SELECT 1;\n-- +goose Down\n"),
		// Odd names.
		"::stop-commands::pwn.sql":      []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"::add-mask::x.sql":             []byte("SELECT 1;\n"),
		"a##[add-mask]b.sql":            []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"\u00a0::warning::nbsp.sql":     []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"esc\x1b[31m.sql":               []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"new\nline::error::x.sql":       []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"cr\r::error::x.sql":            []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"bidi\u202egpj.sql":             []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"zero\u200bwidth.sql":           []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"pct%0A%25,colon:comma.sql":     []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"not\xffutf8.sql":               []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"--fix.sql":                     []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"<script>|`md`.sql":             []byte("ALTER TABLE t ADD COLUMN c int;\n"),
		"sub/dir/../../dots.sql":        []byte("SELECT 1;\n"),
		"sub/" + rep("n", 200) + ".sql": []byte("SELECT 1;\n"),
	}
	files["\t ::error:: lead.sql"[1:]] = []byte("ALTER TABLE t ADD COLUMN c int;\n") // a leading blank
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	// A directory named like a migration, a dangling link and a loop.
	if err := os.MkdirAll(filepath.Join(dir, "folder.sql"), 0o755); err != nil {
		return err
	}
	_ = os.Symlink("missing.sql", filepath.Join(dir, "dangling.sql"))
	_ = os.Symlink(".", filepath.Join(dir, "sub", "loop"))
	return nil
}

func configBombs() map[string][]byte {
	rep := strings.Repeat
	return map[string][]byte{
		"deep-flow":  []byte("version: 1\nexclude: " + rep("[", 100000) + rep("]", 100000) + "\n"),
		"deep-block": []byte("version: 1\nrules:\n" + deepBlock(5000)),
		"large":      []byte("version: 1\nexclude:\n" + rep("  - \"**/x/**\"\n", 100000)),
		"aliases":    []byte("version: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"),
		"two-docs":   []byte("version: 1\n---\nrules:\n  bare-insert: off\n"),
		"binary":     []byte("version: 1\x00\xff\n"),
	}
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i+2))
		b.WriteString("k:\n")
	}
	return b.String()
}

func writeFiles(dir string, files map[string][]byte) error {
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func copyTree(from, to string) error {
	return filepath.Walk(from, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		case fi.IsDir():
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, fi.Mode().Perm())
	})
}

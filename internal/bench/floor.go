package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	pg "github.com/pganalyze/pg_query_go/v5"
	pgerr "github.com/pganalyze/pg_query_go/v5/parser"
	tidb "github.com/pingcap/tidb/pkg/parser"
	_ "github.com/pingcap/tidb/pkg/parser/test_driver" // the value expressions the TiDB parser needs

	"github.com/idemlint/idemlint/parser/lex"
)

// floorCmd is the hidden first argument that makes the bench binary the
// floor: read the listed files and hand each to the bare parser, on the
// given number of workers, and nothing else.
const floorCmd = "__floor"

func floorMain(args []string) int {
	if len(args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: bench __floor postgres|postgres-all|mysql JOBS LISTFILE")
		return 2
	}
	jobs, err := strconv.Atoi(args[1])
	if err != nil || jobs < 1 {
		fmt.Fprintln(os.Stderr, "bench: bad JOBS")
		return 2
	}
	data, err := os.ReadFile(args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	var parse func([]byte)
	switch args[0] {
	case "postgres":
		parse = parsePostgres
	case "postgres-all":
		parse = parsePostgresAll
	case "mysql":
		parse = newMySQLParser()
	default:
		fmt.Fprintln(os.Stderr, "bench: unknown floor", args[0])
		return 2
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if src, err := os.ReadFile(p); err == nil {
					parse(src)
				}
			}
		}()
	}
	for _, p := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		work <- p
	}
	close(work)
	wg.Wait()
	return 0
}

// parsePostgres is libpg_query's parse into the protobuf tree, as
// pg_query_go hands it to Go; errors are the floor's too.
func parsePostgres(src []byte) { _, _ = pg.Parse(string(src)) }

// parsePostgresAll parses every statement of a file once: where a parse
// stops at an error, the next one starts after the semicolon that ends
// the failing statement. libpg_query has no error recovery, so a plain
// parse reads a file only up to its first error (half of the regression
// suite's text); a linter must read the rest too.
func parsePostgresAll(src []byte) {
	var semis []int
	for _, t := range lex.SignificantTokens(src, lex.Postgres) {
		if t.Kind == lex.Semicolon {
			semis = append(semis, t.End)
		}
	}
	from := 0
	for from < len(src) {
		_, err := pg.Parse(string(src[from:]))
		var pe *pgerr.Error
		if err == nil || !errors.As(err, &pe) || pe.Cursorpos <= 0 {
			return
		}
		at := from + lex.CharsToBytes(src[from:], pe.Cursorpos-1)
		next := -1
		for _, e := range semis {
			if e > at {
				next = e
				break
			}
		}
		if next < 0 {
			return
		}
		from = next
	}
}

// newMySQLParser returns a function that parses a file's statements with
// the TiDB parser, one parser per worker. The TiDB parser takes one
// statement list, and a migration holds DELIMITER lines the mysql client
// reads: the statements are cut at the current delimiter, found by the
// lexer so that quotes and comments do not cut them, which is the least
// any reader of these files must do.
func newMySQLParser() func([]byte) {
	var pool sync.Pool
	return func(src []byte) {
		p, _ := pool.Get().(*tidb.Parser)
		if p == nil {
			p = tidb.New()
		}
		for _, stmt := range cutStatements(src) {
			_, _, _ = p.ParseSQL(stmt)
		}
		pool.Put(p)
	}
}

// cutStatements cuts MySQL text at semicolons, or at the delimiter a
// DELIMITER line sets.
func cutStatements(src []byte) []string {
	var out []string
	delim := []byte(";")
	from := 0
	lx := lex.New(src, lex.MySQL)
	for {
		t := lx.Next()
		if t.Kind == lex.EOF {
			break
		}
		text := src[t.Start:t.End]
		if t.Kind == lex.Word && bytes.EqualFold(text, []byte("DELIMITER")) && atLineStart(src, t.Start) {
			end := bytes.IndexByte(src[t.End:], '\n')
			if end < 0 {
				end = len(src) - t.End
			}
			if d := bytes.TrimSpace(src[t.End : t.End+end]); len(d) > 0 {
				delim = d
			}
			from = t.End + end
			lx.SetPos(from)
			continue
		}
		if bytes.HasPrefix(src[t.Start:], delim) && (t.Kind == lex.Semicolon || t.Kind == lex.Op || !bytes.Equal(delim, []byte(";"))) {
			if s := strings.TrimSpace(string(src[from:t.Start])); s != "" {
				out = append(out, s)
			}
			from = t.Start + len(delim)
			lx.SetPos(from)
		}
	}
	if s := strings.TrimSpace(string(src[from:])); s != "" {
		out = append(out, s)
	}
	return out
}

func atLineStart(src []byte, at int) bool {
	for i := at - 1; i >= 0; i-- {
		switch src[i] {
		case ' ', '\t':
			continue
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

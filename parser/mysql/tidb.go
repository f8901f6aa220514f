package mysql

import (
	"fmt"

	tidb "github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/idemlint/idemlint/parser/lex"
)

// longNumber is the length from which a numeric literal is masked before
// a retry: TiDB's literal driver panics on decimals past 80 digits, which
// MySQL accepts (it reads them as DOUBLE).
const longNumber = 60

// parseSQL runs the TiDB parser and turns its panics into errors. A panic
// is retried once with long numeric literals replaced by a zero of the
// same length, so the offsets of everything else stay right.
func parseSQL(p *tidb.Parser, sql string) ([]ast.StmtNode, error) {
	nodes, panicked, err := tryParse(p, sql)
	if !panicked {
		return nodes, err
	}
	masked := []byte(sql)
	changed := false
	for _, t := range lex.Tokenize(masked, lex.MySQL) {
		if t.Kind == lex.Number && t.End-t.Start >= longNumber {
			masked[t.Start] = '0'
			for i := t.Start + 1; i < t.End; i++ {
				masked[i] = ' '
			}
			changed = true
		}
	}
	if changed {
		if nodes, panicked, err = tryParse(p, string(masked)); !panicked {
			return nodes, err
		}
	}
	return nil, err
}

func tryParse(p *tidb.Parser, sql string) (nodes []ast.StmtNode, panicked bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			nodes, panicked = nil, true
			err = fmt.Errorf("the TiDB parser could not read this statement: %v", r)
		}
	}()
	nodes, _, err = p.ParseSQL(sql)
	return nodes, false, err
}

package rules_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

func TestShow(t *testing.T) {
	dir := os.Getenv("SHOW")
	if dir == "" {
		t.Skip()
	}
	d, _ := model.ParseDialect(os.Getenv("DIALECT"))
	_ = filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(p, ".sql") {
			return err
		}
		src, _ := os.ReadFile(p)
		s := parser.Parse(p, src, parser.Options{Dialect: d})
		for _, f := range rules.Run(s, nil) {
			pos := s.Lines.Position(f.Span.Start)
			sec := ""
			if f.Stmt != nil && f.Stmt.Section != nil {
				sec = f.Stmt.Section.Kind.String()
			}
			fmt.Printf("%s:%d:%d: %s [%s] (%s) %s\n", strings.TrimPrefix(p, dir), pos.Line, pos.Column, f.Severity, f.Rule.ID, sec, f.Message)
		}
		return nil
	})
}

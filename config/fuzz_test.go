package config

import (
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
)

// FuzzConfig: no configuration file may crash the reader or keep it
// busy, and the nesting bound must never count less than the parser
// builds: whatever tooDeep lets through parses to at most MaxDepth
// levels of collections.
func FuzzConfig(f *testing.F) {
	f.Add(Template)
	f.Add("version: 1\ndialect: postgres\nexclude: [\"vendor/**\", 'a''b']\nrules: {bare-insert: off}\n")
	f.Add("exclude: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n")
	f.Add("rules: " + strings.Repeat("{a: ", 100) + "1" + strings.Repeat("}", 100) + "\n")
	f.Add(strings.Repeat("- ", 200) + "x\n")
	f.Add("a:\n- b:\n  - c:\n    - d:\n      - e: [f, {g: h}]\n")
	f.Add("version: 1\n---\ndialect: mysql\n...\n---\nx: 1\n")
	f.Add("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n")
	f.Add("k: \"x\n  [[[\" : [\n\t- y\n")
	f.Add("? - - a\n  : - b\n")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 64<<10 {
			t.Skip("the size bound is tested in TestBounds")
		}
		start := time.Now()
		_, _ = Parse("f.yaml", []byte(src))
		// Generous: a slow machine running fuzz workers on every core.
		if took := time.Since(start); took > 3*time.Second {
			t.Fatalf("Parse took %v on %d bytes", took, len(src))
		}
		tokens := lexer.Tokenize(src)
		if tooDeep([]rune(src), tokens) != nil {
			return
		}
		file, err := parser.Parse(tokens, 0)
		if err != nil {
			return
		}
		for _, d := range file.Docs {
			if n := depth(d.Body); n > MaxDepth {
				t.Fatalf("tooDeep let through %d levels", n)
			}
		}
	})
}

// depth is the nesting of collections in a YAML tree; a lone key-value
// pair is a mapping of its own.
func depth(n ast.Node) int {
	switch n := n.(type) {
	case nil:
		return 0
	case *ast.MappingNode:
		d := 0
		for _, v := range n.Values {
			d = max(d, depth(v.Key), depth(v.Value))
		}
		return 1 + d
	case *ast.MappingValueNode:
		return 1 + max(depth(n.Key), depth(n.Value))
	case *ast.SequenceNode:
		d := 0
		for _, v := range n.Values {
			d = max(d, depth(v))
		}
		return 1 + d
	case *ast.MappingKeyNode:
		return depth(n.Value)
	case *ast.TagNode:
		return depth(n.Value)
	case *ast.AnchorNode:
		return depth(n.Value)
	case *ast.DocumentNode:
		return depth(n.Body)
	}
	return 0
}

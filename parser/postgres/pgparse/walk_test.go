package pgparse

import (
	"testing"

	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// reflectNodes lists the Nodes under n through protobuf reflection, which
// misses no field whatever the generator does.
func reflectNodes(n *pg.Node) map[*pg.Node]bool {
	out := map[*pg.Node]bool{}
	nodeType := (&pg.Node{}).ProtoReflect().Descriptor()
	var visit func(m protoreflect.Message)
	visit = func(m protoreflect.Message) {
		if m.Descriptor() == nodeType {
			out[m.Interface().(*pg.Node)] = true
		}
		m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			switch {
			case fd.IsList() && fd.Kind() == protoreflect.MessageKind:
				for i := 0; i < v.List().Len(); i++ {
					visit(v.List().Get(i).Message())
				}
			case fd.Kind() == protoreflect.MessageKind:
				visit(v.Message())
			}
			return true
		})
	}
	visit(n.ProtoReflect())
	return out
}

// TestWalk checks that Walk reaches every Node reflection reaches, each
// once, and stops when asked.
func TestWalk(t *testing.T) {
	total := 0
	for _, sql := range sqlTexts(t) {
		tree, err := Parse(sql)
		if err != nil {
			continue
		}
		for _, raw := range tree.Stmts {
			want := reflectNodes(raw.Stmt)
			got := map[*pg.Node]int{}
			Walk(raw.Stmt, func(n *pg.Node) bool { got[n]++; return true })
			for n := range want {
				if got[n] != 1 {
					t.Fatalf("%q: a %T visited %d times", sql, n.Node, got[n])
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%q: %d nodes walked, reflection finds %d", sql, len(got), len(want))
			}
			total += len(want)
			if len(want) > 2 {
				seen := 0
				Walk(raw.Stmt, func(*pg.Node) bool { seen++; return seen < 2 })
				if seen != 2 {
					t.Fatalf("%q: walk went on after fn returned false (%d calls)", sql, seen)
				}
			}
		}
	}
	if total < 5000 {
		t.Fatalf("only %d nodes walked", total)
	}
}

package postgres

import (
	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/reflect/protoreflect"
)

var nodeType = (&pg.Node{}).ProtoReflect().Descriptor()

// walk visits every Node under n, depth first, until fn returns false.
// It goes through protobuf reflection so that no node type is missed.
func walk(n *pg.Node, fn func(*pg.Node) bool) {
	if n == nil {
		return
	}
	var visit func(m protoreflect.Message) bool
	visit = func(m protoreflect.Message) bool {
		if m.Descriptor() == nodeType {
			if node, ok := m.Interface().(*pg.Node); ok && !fn(node) {
				return false
			}
		}
		cont := true
		m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			switch {
			case fd.IsList() && fd.Kind() == protoreflect.MessageKind:
				l := v.List()
				for i := 0; i < l.Len() && cont; i++ {
					cont = visit(l.Get(i).Message())
				}
			case fd.Kind() == protoreflect.MessageKind && !fd.IsMap():
				cont = visit(v.Message())
			}
			return cont
		})
		return cont
	}
	visit(n.ProtoReflect())
}

package parser

import (
	"slices"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// goneLater maps each CREATE (or ADD) of a section to the DROP further on
// that takes its object along. Through CASCADE: a view on the relation
// dropped, a table that inherits from it, anything named in a schema
// dropped (on MySQL and MariaDB, any DROP DATABASE), and what depends on
// those in turn. With or without it: each index, column, constraint or
// trigger made on a table the DROP drops. Such an object is gone again
// when the second run creates it, as if the section dropped it itself:
//
//	CREATE TABLE tmp_ids AS SELECT ...;
//	CREATE VIEW tmp_v AS SELECT ... FROM tmp_ids;  -- gone at the end
//	DROP TABLE tmp_ids CASCADE;
//
// The value is the position of the DROP in all. Only the last CREATE of
// an object before the DROP is taken along; one made after it is not.
func goneLater(all []*model.Effect, d model.Dialect) map[*model.Effect]int {
	var out map[*model.Effect]int
	alive := map[int]bool{}
	byName := map[string][]int{} // live CREATEs by lower-cased name
	byDep := map[string][]int{}  // CREATEs by the names they depend on
	bySchema := map[string][]int{}
	owned := map[int][]int{} // a live table's CREATE: what was made on it since
	work := 0
	mark := func(j, i int) {
		if out == nil {
			out = map[*model.Effect]int{}
		}
		out[all[j]] = i
	}
	// goes marks what was made on table CREATE j as gone with it at DROP i.
	goes := func(j, i int) {
		for _, k := range owned[j] {
			mark(k, i)
		}
		delete(owned, j)
	}
	// take marks CREATE j as taken along by DROP i.
	take := func(j, i int) {
		alive[j] = false
		mark(j, i)
		goes(j, i)
	}
	for i, e := range all {
		o := e.Object
		if o.Unknown {
			continue
		}
		name := strings.ToLower(o.Name)
		if (e.Action == model.ActCreate || e.Action == model.ActAdd) && o.Table != "" && work < maxDepWork {
			// An index, column, constraint or trigger goes with its table.
			j, looked := liveTable(byName[strings.ToLower(o.Table)], alive, all, o, d)
			work += looked
			if j >= 0 {
				owned[j] = append(owned[j], i)
			}
		}
		switch e.Action {
		case model.ActCreate:
			alive[i] = true
			byName[name] = append(byName[name], i)
			for _, dep := range e.DependsOn {
				k := strings.ToLower(dep.Name)
				byDep[k] = append(byDep[k], i)
			}
			if o.Schema != "" {
				k := strings.ToLower(o.Schema)
				bySchema[k] = append(bySchema[k], i)
			}
			continue
		case model.ActDrop:
		default:
			continue
		}
		byName[name] = slices.DeleteFunc(byName[name], func(j int) bool {
			if alive[j] && all[j].Object.Same(o, d) {
				alive[j] = false
				goes(j, i)
			}
			return !alive[j]
		})
		if !dropsAlong(e, d) {
			continue
		}
		// An object a schema's DROP takes along counts as a dependency
		// only where the dependent names its schema: a bare name may mean
		// another schema's object of that name.
		type goneObj struct {
			o      model.Object
			strict bool
		}
		var gone []goneObj
		if o.Kind == model.KindSchema || o.Kind == model.KindDatabase {
			bySchema[name] = slices.DeleteFunc(bySchema[name], func(j int) bool {
				if alive[j] && d.SameName(all[j].Object.Schema, o.Name) {
					take(j, i)
					gone = append(gone, goneObj{all[j].Object, true})
				}
				return !alive[j]
			})
		} else {
			gone = append(gone, goneObj{o, false})
		}
		for len(gone) > 0 && work < maxDepWork {
			g := gone[len(gone)-1]
			gone = gone[:len(gone)-1]
			list := byDep[strings.ToLower(g.o.Name)]
			work += len(list)
			kept := list[:0]
			for _, j := range list {
				if !alive[j] {
					continue // dropped since: never looked at again
				}
				kept = append(kept, j)
				if takenWith(all[j], g.o, g.strict, d) {
					take(j, i)
					gone = append(gone, goneObj{all[j].Object, false})
				}
			}
			byDep[strings.ToLower(g.o.Name)] = kept
		}
	}
	return out
}

// dropsAlong reports whether e is a DROP that takes what depends on its
// object along: one with CASCADE, or MySQL's and MariaDB's DROP DATABASE,
// which takes its tables without being asked to.
func dropsAlong(e *model.Effect, d model.Dialect) bool {
	if e.Action != model.ActDrop {
		return false
	}
	return e.Cascade || d.MySQLFamily() && (e.Object.Kind == model.KindDatabase || e.Object.Kind == model.KindSchema)
}

// liveTable finds, among the CREATEs of a name, the live table that o
// (an object made on a table) is made on, or -1; it says how many it
// looked at.
func liveTable(creates []int, alive map[int]bool, all []*model.Effect, o model.Object, d model.Dialect) (int, int) {
	table := model.Object{Kind: model.KindTable, Schema: o.Schema, Name: o.Table}
	for k := len(creates) - 1; k >= 0; k-- {
		j := creates[k]
		if t := all[j].Object; alive[j] && t.Kind == model.KindTable && t.Same(table, d) {
			return j, len(creates) - k
		}
	}
	return -1, len(creates)
}

// takenWith reports whether a DROP ... CASCADE of g drops what e created:
// a view that reads g or calls it, a table that inherits from it, a
// trigger whose function it is. A table that only references g, or has a
// column of its type, loses a constraint or a column, not itself. A view's
// star stands for every column of its table (the caller vouches g was one
// of them). strict asks that the dependency name g's schema.
func takenWith(e *model.Effect, g model.Object, strict bool, d model.Dialect) bool {
	for _, dep := range e.DependsOn {
		if !dep.Covers(g, d, true) || (strict && !d.SameName(dep.Schema, g.Schema)) {
			continue
		}
		switch e.Object.Kind {
		case model.KindView, model.KindMatView, model.KindTrigger:
			return true
		case model.KindTable:
			if dep.Kind == model.KindRelation {
				return true
			}
		}
	}
	return false
}

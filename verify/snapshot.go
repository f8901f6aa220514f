package verify

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Snapshot is what a database looks like from outside: its schema objects
// by name with their definitions, and a count and a checksum of the rows
// of each table.
type Snapshot struct {
	// Objects maps "kind name" (e.g. "column public.users.email") to a
	// definition; two snapshots differ in schema when a key appears,
	// disappears or changes definition.
	Objects map[string]string
	// Tables maps a table name to its rows.
	Tables map[string]Rows
}

// Rows summarises a table's content.
type Rows struct {
	Count int64
	// Sum is a checksum of the rows that does not depend on their order.
	Sum string
}

// NewSnapshot returns an empty snapshot.
func NewSnapshot() *Snapshot {
	return &Snapshot{Objects: map[string]string{}, Tables: map[string]Rows{}}
}

// Diff is what changed between two snapshots.
type Diff struct {
	// Schema lists objects added (+), removed (-) and changed (~).
	Schema []string
	// Rows lists tables whose row count changed, with both counts.
	Rows []string
	// Contents lists tables whose rows changed with the same count.
	Contents []string
	// Before and After hold the definitions of the changed (~) objects,
	// for a closer look.
	Before, After map[string]string
}

// Empty reports whether nothing changed.
func (d Diff) Empty() bool { return len(d.Schema)+len(d.Rows)+len(d.Contents) == 0 }

// Kinds names the kinds of change: "schema", "rows", "contents".
func (d Diff) Kinds() []string {
	var k []string
	if len(d.Schema) > 0 {
		k = append(k, "schema")
	}
	if len(d.Rows) > 0 {
		k = append(k, "rows")
	}
	if len(d.Contents) > 0 {
		k = append(k, "contents")
	}
	return k
}

// String says what changed in one line, at most a few items of each kind.
func (d Diff) String() string {
	var parts []string
	add := func(label string, items []string) {
		if len(items) == 0 {
			return
		}
		const show = 4
		s := label + ": " + strings.Join(items[:min(show, len(items))], ", ")
		if len(items) > show {
			s += fmt.Sprintf(" and %d more", len(items)-show)
		}
		parts = append(parts, s)
	}
	add("schema", d.Schema)
	add("rows", d.Rows)
	add("contents", d.Contents)
	return strings.Join(parts, "; ")
}

// Compare returns what changed from a to b.
func Compare(a, b *Snapshot) Diff {
	var d Diff
	for _, k := range sortedKeys(a.Objects) {
		bv, ok := b.Objects[k]
		switch {
		case !ok:
			d.Schema = append(d.Schema, "-"+k)
		case bv != a.Objects[k] && unclock(bv) != unclock(a.Objects[k]):
			d.Schema = append(d.Schema, "~"+k)
			if d.Before == nil {
				d.Before, d.After = map[string]string{}, map[string]string{}
			}
			d.Before[k], d.After[k] = a.Objects[k], bv
		}
	}
	for _, k := range sortedKeys(b.Objects) {
		if _, ok := a.Objects[k]; !ok {
			d.Schema = append(d.Schema, "+"+k)
		}
	}
	sort.SliceStable(d.Schema, func(i, j int) bool { return d.Schema[i][1:] < d.Schema[j][1:] })
	tables := map[string]bool{}
	for t := range a.Tables {
		tables[t] = true
	}
	for t := range b.Tables {
		tables[t] = true
	}
	for _, t := range sortedKeys(tables) {
		ra, okA := a.Tables[t]
		rb, okB := b.Tables[t]
		if !okA || !okB {
			// A table that came or went is a schema change already; its
			// rows are news only when it has some.
			if ra.Count+rb.Count > 0 {
				d.Rows = append(d.Rows, fmt.Sprintf("%s %d → %d", t, ra.Count, rb.Count))
			}
			continue
		}
		switch {
		case ra.Count != rb.Count:
			d.Rows = append(d.Rows, fmt.Sprintf("%s %d → %d", t, ra.Count, rb.Count))
		case ra.Sum != rb.Sum:
			d.Contents = append(d.Contents, t)
		}
	}
	return d
}

// clockLiteral is a timestamp literal as the servers print one.
var clockLiteral = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`'\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?)?'`)
})

// unclock blanks timestamp literals in a definition. A view or default
// written with 'now'::timestamp keeps the moment it was created: each run
// writes another one, which says nothing about re-running (both runs read
// the same SQL, so only the clock can tell their literals apart).
func unclock(def string) string {
	if !strings.Contains(def, ":") {
		return def
	}
	return clockLiteral().ReplaceAllString(def, "'<timestamp>'")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

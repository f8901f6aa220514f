package model

import (
	"slices"
	"strings"
)

// ObjectSet is a set of objects found by lower-cased name (names compare
// equal only when they match case-insensitively). Each object is kept
// once, so asking about one object a file names a thousand times stays
// cheap.
type ObjectSet map[string][]Object

// Add puts o in the set.
func (s ObjectSet) Add(o Object) {
	k := strings.ToLower(o.Name)
	if !slices.Contains(s[k], o) {
		s[k] = append(s[k], o)
	}
}

// Has reports whether the set holds an object that is the Same as o.
func (s ObjectSet) Has(o Object, d Dialect) bool {
	for _, x := range s[strings.ToLower(o.Name)] {
		if x.Same(o, d) {
			return true
		}
	}
	return false
}

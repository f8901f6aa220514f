// Package fix applies the text edits that findings carry and shows them
// as unified diffs. Edits are byte ranges of the original source, so they
// keep comments and formatting that a deparser would lose.
package fix

import (
	"sort"

	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// Result is the outcome of fixing one file.
type Result struct {
	// Source is the fixed text; the original when nothing applied.
	Source []byte
	// Edits are the edits that went in, sorted, against the original.
	Edits []model.Edit
	// Applied are the findings whose fix went in whole.
	Applied []rules.Finding
	// Skipped are fixable findings left alone: their fix overlaps one
	// applied before it, or its edits are out of range or overlap each
	// other. Fixing again after re-linting may take them.
	Skipped []rules.Finding
}

// Changed reports whether the file would change.
func (r *Result) Changed() bool { return len(r.Edits) > 0 }

// Apply applies every finding's fix that does not collide with an earlier
// one. A fix goes in whole or not at all; fixes are taken in the order of
// their first edit, so the result does not depend on the order of the
// findings.
func Apply(src []byte, findings []rules.Finding) Result {
	type cand struct {
		f     rules.Finding
		edits []model.Edit
		order int
	}
	var cands []cand
	for i, f := range findings {
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			continue
		}
		edits := make([]model.Edit, len(f.Fix.Edits))
		for j, e := range f.Fix.Edits {
			edits[j] = spaced(src, e)
		}
		sort.SliceStable(edits, func(a, b int) bool { return less(edits[a], edits[b]) })
		cands = append(cands, cand{f, edits, i})
	}
	sort.SliceStable(cands, func(a, b int) bool {
		ea, eb := cands[a].edits[0], cands[b].edits[0]
		if ea != eb {
			return less(ea, eb)
		}
		return cands[a].order < cands[b].order
	})

	res := Result{Source: src}
	var taken []model.Edit
	ok := make([]bool, len(cands))
	for i, c := range cands {
		if !valid(c.edits, len(src)) {
			continue
		}
		if fresh, fits := merge(taken, c.edits); fits {
			taken, ok[i] = fresh, true
		}
	}
	// Report in the order the findings came.
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return cands[idx[a]].order < cands[idx[b]].order })
	for _, i := range idx {
		if ok[i] {
			res.Applied = append(res.Applied, cands[i].f)
		} else {
			res.Skipped = append(res.Skipped, cands[i].f)
		}
	}
	res.Edits = taken
	if len(taken) > 0 {
		res.Source = apply(src, taken)
	}
	return res
}

// spaced keeps an edit's text from running into the words around it:
// "IF NOT EXISTS " inserted right after TABLE in CREATE TABLE"x" would
// make TABLEIF. Both dialects' edits assume a blank there, so the one
// place that applies them adds it.
func spaced(src []byte, e model.Edit) model.Edit {
	if e.Text == "" || e.Start < 0 || e.End < e.Start || e.End > len(src) {
		return e
	}
	if e.Start > 0 && wordByte(src[e.Start-1]) && wordByte(e.Text[0]) {
		e.Text = " " + e.Text
	}
	if e.End < len(src) && wordByte(src[e.End]) && wordByte(e.Text[len(e.Text)-1]) {
		e.Text += " "
	}
	return e
}

// wordByte reports whether b can be part of an identifier or keyword in
// either dialect (any byte of a multi-byte character counts).
func wordByte(b byte) bool {
	return b == '_' || b == '$' || b >= 0x80 || '0' <= b && b <= '9' || 'a' <= b|0x20 && b|0x20 <= 'z'
}

func less(a, b model.Edit) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.End < b.End
}

// valid checks that edits lie in the source and do not overlap each other.
func valid(edits []model.Edit, n int) bool {
	for i, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > n {
			return false
		}
		if i > 0 && collide(edits[i-1], e) {
			return false
		}
	}
	return true
}

// collide reports whether two edits touch the same text, or insert at the
// same place, where their order would be a guess.
func collide(a, b model.Edit) bool {
	if a.Start == a.End || b.Start == b.End {
		// An insertion collides with an edit that covers or borders it.
		lo, hi := a, b
		if lo.Start == lo.End {
			lo, hi = hi, lo
		}
		// hi is the insertion now (or both are).
		return hi.Start >= lo.Start && hi.Start <= lo.End
	}
	return a.Start < b.End && b.Start < a.End
}

// merge adds a fix's edits to the sorted list of edits taken so far. An
// edit equal to one already taken is dropped (two findings proposing the
// same insertion); any other collision refuses the whole fix.
func merge(taken, edits []model.Edit) ([]model.Edit, bool) {
	out := append([]model.Edit(nil), taken...)
	for _, e := range edits {
		dup := false
		for _, t := range taken {
			if t == e {
				dup = true
				break
			}
			if collide(t, e) {
				return nil, false
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return less(out[a], out[b]) })
	return out, true
}

// apply writes sorted, non-overlapping edits into a copy of src.
func apply(src []byte, edits []model.Edit) []byte {
	size := len(src)
	for _, e := range edits {
		size += len(e.Text) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.Start]...)
		out = append(out, e.Text...)
		at = e.End
	}
	return append(out, src[at:]...)
}

package fix

import (
	"sort"

	"github.com/idemlint/idemlint/parser/model"
)

// Compose turns edits of src (first) followed by edits of the text they
// produce (second) into one list of edits of src, sorted and apart, that
// produces the same final text. An edit of the second list that touches
// text the first inserted widens to the first edit's whole range, and
// edits that touch are merged, so no two edits are left whose order would
// be a guess. final is the text after both.
func Compose(src []byte, first, second []model.Edit, final []byte) []model.Edit {
	if len(second) == 0 {
		return first
	}
	type region struct {
		start, end int // in src
		delta      int // how much longer the region is in final
	}
	var rs []region
	for _, e := range first {
		rs = append(rs, region{e.Start, e.End, len(e.Text) - (e.End - e.Start)})
	}
	for _, e := range second {
		a, b := back(first, e.Start, e.End)
		rs = append(rs, region{a, b, len(e.Text) - (e.End - e.Start)})
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].start < rs[j].start })
	var merged []region
	for _, r := range rs {
		if n := len(merged); n > 0 && r.start <= merged[n-1].end {
			m := &merged[n-1]
			m.end = max(m.end, r.end)
			m.delta += r.delta
			continue
		}
		merged = append(merged, r)
	}
	out := make([]model.Edit, 0, len(merged))
	shift := 0
	for _, r := range merged {
		from := r.start + shift
		to := from + (r.end - r.start) + r.delta
		out = append(out, model.Edit{Start: r.start, End: r.end, Text: string(final[from:to])})
		shift += r.delta
	}
	return out
}

// back maps the range [a, b) of the text first produced to a range of
// the source: a position in unchanged text moves by the edits before it,
// a position in text an edit wrote widens to that edit's range.
func back(first []model.Edit, a, b int) (int, int) {
	return backPos(first, a, true), backPos(first, b, false)
}

func backPos(first []model.Edit, p int, start bool) int {
	delta := 0
	for _, e := range first {
		from := e.Start + delta // where the edit's text begins in the new text
		to := from + len(e.Text)
		switch {
		case p < from || (p == from && !start && len(e.Text) > 0):
			return p - delta
		case p <= to:
			if start {
				return e.Start
			}
			return e.End
		}
		delta += len(e.Text) - (e.End - e.Start)
	}
	return p - delta
}

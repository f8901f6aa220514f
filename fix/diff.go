package fix

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// Context is the number of unchanged lines shown around each change.
const Context = 3

// change is a run of old lines replaced by new ones; old is 0-based.
type change struct {
	old      int
	del, add []string
}

// Unified renders sorted, non-overlapping edits of src as a unified diff
// between a/path and b/path, empty when there are none. The edits already
// say what changed, so no general diff algorithm is needed: each edit's
// lines are compared, and the lines they share are shown as context.
func Unified(path string, src []byte, edits []model.Edit) string {
	if len(edits) == 0 {
		return ""
	}
	oldLines := splitLines(src)
	changes := lineChanges(src, edits)
	if len(changes) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", path, path)
	// Group changes whose context would touch into hunks.
	for i := 0; i < len(changes); {
		j := i + 1
		for j < len(changes) && changes[j].old-(changes[j-1].old+len(changes[j-1].del)) <= 2*Context {
			j++
		}
		writeHunk(&b, oldLines, changes[i:j], delta(changes[:i]))
		i = j
	}
	return b.String()
}

// delta is how many lines earlier changes added (or removed, negative).
func delta(cs []change) int {
	d := 0
	for _, c := range cs {
		d += len(c.add) - len(c.del)
	}
	return d
}

func writeHunk(b *strings.Builder, old []string, cs []change, shift int) {
	first, last := cs[0], cs[len(cs)-1]
	from := max(0, first.old-Context)
	to := min(len(old), last.old+len(last.del)+Context)
	oldN := to - from
	newN := oldN + delta(cs)
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(from, oldN), hunkRange(from+shift, newN))
	at := from
	for _, c := range cs {
		for ; at < c.old; at++ {
			writeLine(b, ' ', old[at])
		}
		for _, l := range c.del {
			writeLine(b, '-', l)
		}
		for _, l := range c.add {
			writeLine(b, '+', l)
		}
		at = c.old + len(c.del)
	}
	for ; at < to; at++ {
		writeLine(b, ' ', old[at])
	}
}

// hunkRange formats a 0-based start and a count the way diff does: 1-based,
// the count left out when it is 1, and an empty range numbered by the line
// before it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func writeLine(b *strings.Builder, mark byte, l string) {
	b.WriteByte(mark)
	if strings.HasSuffix(l, "\n") {
		b.WriteString(l)
		return
	}
	b.WriteString(l)
	b.WriteString("\n\\ No newline at end of file\n")
}

// lineChanges turns byte edits into whole-line changes. Edits that share
// a line are taken together; lines the old and new text have in common
// at either end are not changes.
func lineChanges(src []byte, edits []model.Edit) []change {
	lines := model.NewGitLines(src) // patch and git apply count only LF
	var out []change
	for i := 0; i < len(edits); {
		// The block of whole lines the edits touch, and its start.
		first := lines.Line(edits[i].Start)
		last := lines.Line(edits[i].End)
		j := i + 1
		for j < len(edits) && lines.Line(edits[j].Start) <= last {
			last = max(last, lines.Line(edits[j].End))
			j++
		}
		start := lines.LineStart(first)
		end := lines.LineStart(last + 1) // the end of the input after the last line
		var nb bytes.Buffer
		at := start
		for _, e := range edits[i:j] {
			nb.Write(src[at:e.Start])
			nb.WriteString(e.Text)
			at = e.End
		}
		nb.Write(src[at:end])
		del := splitLines(src[start:end])
		add := splitLines(nb.Bytes())
		// Both blocks end at a line break or at the end of the input, so
		// their lines compare one for one.
		old := first - 1
		for len(del) > 0 && len(add) > 0 && del[0] == add[0] {
			del, add, old = del[1:], add[1:], old+1
		}
		for len(del) > 0 && len(add) > 0 && del[len(del)-1] == add[len(add)-1] {
			del, add = del[:len(del)-1], add[:len(add)-1]
		}
		if len(del) > 0 || len(add) > 0 {
			out = append(out, change{old: old, del: del, add: add})
		}
		i = j
	}
	return out
}

// splitLines cuts text after each line break, keeping the breaks; a last
// line without one is kept as it is.
func splitLines(b []byte) []string {
	var out []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, string(b))
			break
		}
		out = append(out, string(b[:i+1]))
		b = b[i+1:]
	}
	return out
}

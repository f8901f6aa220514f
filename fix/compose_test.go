package fix

import (
	"math/rand"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// TestCompose: two rounds of edits composed into one list give the same
// text as applying them one after the other, including a second round
// that edits text the first inserted, or inserts where the first did.
func TestCompose(t *testing.T) {
	src := []byte("CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN c int;\n")
	first := []model.Edit{{Start: 13, End: 13, Text: "IF NOT EXISTS "}}
	mid := apply(src, first)
	// Wrap the first statement (which now holds the inserted words) and
	// change a word of the second.
	second := []model.Edit{
		{Start: 0, End: 0, Text: "DO $$ BEGIN\n"},
		{Start: 38, End: 38, Text: "\nEND $$;"},
		{Start: 55, End: 61, Text: "column"},
	}
	final := apply(mid, second)
	got := Compose(src, first, second, final)
	if string(apply(src, got)) != string(final) {
		t.Fatalf("composed edits give\n%s\nwant\n%s", apply(src, got), final)
	}
	if !valid(got, len(src)) {
		t.Errorf("composed edits overlap: %+v", got)
	}
}

// TestComposeRandom checks the same on random edit rounds.
func TestComposeRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	randomEdits := func(n int) []model.Edit {
		var es []model.Edit
		at := 0
		for at < n && len(es) < 4 {
			start := at + rng.Intn(max(1, (n-at)/2+1))
			if start > n {
				break
			}
			end := min(n, start+rng.Intn(3))
			text := []string{"", "x", "yz\n", "IF NOT EXISTS "}[rng.Intn(4)]
			if start == end && text == "" {
				text = "w"
			}
			es = append(es, model.Edit{Start: start, End: end, Text: text})
			at = end + 1
		}
		return es
	}
	for i := 0; i < 2000; i++ {
		src := []byte("abcdefghijklmnop"[:rng.Intn(16)])
		first := randomEdits(len(src))
		mid := apply(src, first)
		second := randomEdits(len(mid))
		final := apply(mid, second)
		got := Compose(src, first, second, final)
		if !valid(got, len(src)) || string(apply(src, got)) != string(final) {
			t.Fatalf("src %q first %+v second %+v: composed %+v gives %q, want %q", src, first, second, got, apply(src, got), final)
		}
	}
}

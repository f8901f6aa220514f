package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

func TestLegacyFilterEverySplit(t *testing.T) {
	in := `{"path":"a##[add-mask]b.sql","m":"###[x ## [ #"}` + "\n##["
	want := strings.ReplaceAll(in, "##[", `##\u005b`)
	for i := 0; i <= len(in); i++ {
		for j := i; j <= len(in); j++ {
			var out bytes.Buffer
			f := &legacyFilter{w: &out, repl: legacyEscapes["json"]}
			for _, part := range []string{in[:i], in[i:j], in[j:]} {
				if _, err := f.Write([]byte(part)); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.flush(); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Fatalf("split %d,%d: %q, want %q", i, j, out.String(), want)
			}
		}
	}
}

// The escaped document decodes to the same values.
func TestLegacyFilterKeepsMeaning(t *testing.T) {
	fn, _ := Lookup("json")
	var raw bytes.Buffer
	if err := fn(&raw, []File{{Script: &model.Script{Path: "db/a##[stop-commands]x.sql"}}}, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(raw.String(), "##[") {
		t.Fatalf("json output holds a workflow command:\n%s", raw.String())
	}
	var doc any
	if err := json.Unmarshal(raw.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ReplaceAll(raw.String(), `\u005b`, "["), "db/a##[stop-commands]x.sql") {
		t.Fatalf("file name lost:\n%s", raw.String())
	}
}

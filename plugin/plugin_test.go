package plugin

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/analysistest"
)

type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestPlugin goes the way golangci-lint does: look the plugin up by name,
// build it from decoded settings, and run its analyzers. (golangci-lint's
// custom command clones its sources from GitHub, which these machines
// cannot reach, so this is the plugin's test.)
func TestPlugin(t *testing.T) {
	mysql := "migration.go:9:36: MySQL 8.4 rejects IF NOT EXISTS on add column: the statement fails on its first run [mysql-unsupported-if-exists]\n" +
		`migration.go:15:64: syntax error near "AUTOINCREMENT)" [syntax-error]`
	newPlugin, err := register.GetPlugin("idemlint")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		settings any
		want     string
	}{
		{nil, ""},
		{map[string]any{}, ""},
		{map[string]any{"dialect": "mysql"}, mysql},
		{map[string]any{"dialect": "mysql", "embed": false}, mysql},
	} {
		p, err := newPlugin(c.settings)
		if err != nil {
			t.Fatalf("%v: %v", c.settings, err)
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("load mode %q, want %q", p.GetLoadMode(), register.LoadModeTypesInfo)
		}
		as, err := p.BuildAnalyzers()
		if err != nil || len(as) != 1 || as[0].Name != "idemlint" {
			t.Fatalf("BuildAnalyzers() = %v, %v; want the idemlint analyzer", as, err)
		}
		testdata, err := filepath.Abs(filepath.Join("..", "analyzer", "testdata"))
		if err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		res := analysistest.Run(rec, testdata, as[0], "nodriver")
		if len(res) != 1 {
			t.Fatalf("analysis failed: %v", rec.errs)
		}
		var got []string
		for _, r := range res {
			for _, d := range r.Diagnostics {
				p := r.Pass.Fset.Position(d.Pos)
				got = append(got, fmt.Sprintf("%s:%d:%d: %s", filepath.Base(p.Filename), p.Line, p.Column, d.Message))
			}
		}
		if strings.Join(got, "\n") != c.want {
			t.Errorf("settings %v:\n%s\nwant:\n%s", c.settings, strings.Join(got, "\n"), c.want)
		}
	}
}

func TestPluginSettingErrors(t *testing.T) {
	for _, c := range []struct {
		settings any
		want     string
	}{
		{map[string]any{"dialect": "oracle"}, `idemlint: dialect: unknown dialect "oracle"`},
		{map[string]any{"dialects": "mysql"}, `idemlint: decoding settings: json: unknown field "dialects"`},
		{map[string]any{"embed": "yes"}, `idemlint: decoding settings: json: cannot unmarshal string`},
	} {
		_, err := New(c.settings)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%v) = %v, want an error containing %q", c.settings, err, c.want)
		}
	}
}

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// actionFile is the part of action.yml the checks below read.
type actionFile struct {
	Inputs  map[string]struct{ Default *string } `yaml:"inputs"`
	Outputs map[string]struct{ Value string }    `yaml:"outputs"`
	Runs    struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID    string            `yaml:"id"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

var (
	exprRe      = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)
	inputRefRe  = regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	stepRefRe   = regexp.MustCompile(`\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`)
	scriptRe    = regexp.MustCompile(`scripts/([a-z-]+\.sh)`)
	scriptVarRe = regexp.MustCompile(`\$\{?((?:INPUT|IDEMLINT)_[A-Z_]+|ACTION_PATH)\b`)
	outputRe    = regexp.MustCompile(`(?m)^\s*echo "([a-z-]+)=`)
)

// TestActionMetadata checks action.yml against the scripts it runs: inputs
// reach the scripts only through env (no ${{ }} in any run:), every
// expression names a declared input or an existing step output, every
// variable a script reads is set by the step that runs it, and every input
// is passed on.
func TestActionMetadata(t *testing.T) {
	root := filepath.Join("..", "..")
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, want := range []string{"paths", "dialect", "config", "fail-on", "only-new", "sarif-file", "version"} {
		if _, ok := a.Inputs[want]; !ok {
			t.Errorf("action.yml lacks the input %s", want)
		}
	}
	ids := map[string]actionStep{}
	for _, s := range a.Runs.Steps {
		if s.ID != "" {
			ids[s.ID] = s
		}
	}
	used := map[string]bool{}
	checkExprs := func(where, text string) {
		for _, m := range exprRe.FindAllStringSubmatch(text, -1) {
			for _, in := range inputRefRe.FindAllStringSubmatch(m[1], -1) {
				used[in[1]] = true
				if _, ok := a.Inputs[in[1]]; !ok {
					t.Errorf("%s: ${{ %s }} names no declared input", where, m[1])
				}
			}
			for _, so := range stepRefRe.FindAllStringSubmatch(m[1], -1) {
				step, ok := ids[so[1]]
				if !ok {
					t.Errorf("%s: ${{ %s }} names no step", where, m[1])
					continue
				}
				if !stepWrites(t, root, step, so[2]) {
					t.Errorf("%s: ${{ %s }}: step %s never writes the output %s", where, m[1], so[1], so[2])
				}
			}
		}
	}
	for name, o := range a.Outputs {
		checkExprs("outputs."+name, o.Value)
	}
	for i, s := range a.Runs.Steps {
		where := "step " + s.ID
		if s.ID == "" {
			where = "step " + string(rune('1'+i))
		}
		for k, v := range s.With {
			checkExprs(where+" with."+k, v)
		}
		for k, v := range s.Env {
			checkExprs(where+" env."+k, v)
		}
		if s.Run == "" {
			continue
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("%s: run: holds an expression; pass it through env: %q", where, s.Run)
		}
		if s.Shell != "bash" {
			t.Errorf("%s: shell = %q, want bash", where, s.Shell)
		}
		for _, sm := range scriptRe.FindAllStringSubmatch(s.Run, -1) {
			src, err := os.ReadFile(filepath.Join(root, "scripts", sm[1]))
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			for _, v := range scriptVarRe.FindAllStringSubmatch(string(src), -1) {
				if _, ok := s.Env[v[1]]; !ok && v[1] != "IDEMLINT_BIN_DIR" {
					t.Errorf("%s: scripts/%s reads %s, which the step does not set", where, sm[1], v[1])
				}
			}
		}
	}
	var unused []string
	for name := range a.Inputs {
		if !used[name] {
			unused = append(unused, name)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("inputs never passed to a step: %v", unused)
	}
}

// stepWrites reports whether a run step's script writes an output.
func stepWrites(t *testing.T, root string, s actionStep, output string) bool {
	t.Helper()
	for _, sm := range scriptRe.FindAllStringSubmatch(s.Run, -1) {
		src, err := os.ReadFile(filepath.Join(root, "scripts", sm[1]))
		if err != nil {
			continue
		}
		for _, o := range outputRe.FindAllStringSubmatch(string(src), -1) {
			if o[1] == output {
				return true
			}
		}
	}
	return false
}

// TestWorkflowsPassValuesThroughEnv: no run: step of a workflow expands an
// expression, where a value could become shell code.
func TestWorkflowsPassValuesThroughEnv(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", ".github", "workflows", "*.yml"))
	if len(paths) == 0 {
		t.Fatal("no workflows")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			Jobs map[string]struct {
				Steps []actionStep `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for job, j := range wf.Jobs {
			for i, s := range j.Steps {
				if strings.Contains(s.Run, "${{") {
					t.Errorf("%s: job %s step %d: run: holds an expression", p, job, i+1)
				}
			}
		}
	}
}

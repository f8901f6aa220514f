package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idemlint/idemlint/lsp/lsptest"
)

// TestLSPBinary starts the built command as an editor does (idemlint lsp
// --stdio) and speaks the protocol to it: diagnostics at UTF-16 ranges
// after an astral character, a fix from a code action, hover, a change
// linted after the pause, shutdown and exit with status 0. The lsp
// package's tests go through the rest.
func TestLSPBinary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "0001_audit.sql")
	text := "-- 🦀\n/* 𝄞é */ CREATE TABLE audit (id int);\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "lsp", "--stdio", "--no-config")
	cmd.Dir = dir
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		in.Close()
		select {
		case <-exited:
		case <-time.After(lsptest.Timeout):
			_ = cmd.Process.Kill()
		}
	})
	c := lsptest.New(t, out, in)

	var init struct {
		Capabilities struct {
			PositionEncoding string `json:"positionEncoding"`
		} `json:"capabilities"`
	}
	if err := c.Call("initialize", map[string]any{"processId": os.Getpid(), "rootUri": lsptest.URI(dir), "capabilities": map[string]any{}}, &init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if init.Capabilities.PositionEncoding != "utf-16" {
		t.Fatalf("position encoding %q", init.Capabilities.PositionEncoding)
	}
	c.Notify("initialized", map[string]any{})
	uri := lsptest.URI(path)
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "sql", "version": 1, "text": text}})
	find := func(p lsptest.Published) *lsptest.Diagnostic {
		for i, d := range p.Diagnostics {
			if d.Code == "create-without-guard" {
				return &p.Diagnostics[i]
			}
		}
		return nil
	}
	d := find(c.WaitDiagnostics(uri, 1))
	// "/* 𝄞é */ " is 9 code points and 10 UTF-16 units.
	want := lsptest.Range{Start: lsptest.Position{Line: 1, Character: 10}, End: lsptest.Position{Line: 1, Character: 28}}
	if d == nil || d.Range != want || d.Severity != 1 {
		t.Fatalf("create-without-guard: %+v, want at %+v", d, want)
	}

	var h lsptest.Hover
	if err := c.Call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lsptest.Position{Line: 1, Character: 12}}, &h); err != nil ||
		!strings.Contains(h.Contents.Value, "# create-without-guard") {
		t.Fatalf("hover: %+v %v", h, err)
	}

	var actions []lsptest.CodeAction
	if err := c.Call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": d.Range,
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}}}, &actions); err != nil {
		t.Fatalf("codeAction: %v", err)
	}
	var fixed string
	for _, a := range actions {
		if a.IsPreferred && strings.Contains(a.Title, "create-without-guard") {
			if fixed, err = lsptest.Apply(text, a.Edit.Changes[uri]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if want := "-- 🦀\n/* 𝄞é */ CREATE TABLE IF NOT EXISTS audit (id int);\n"; fixed != want {
		t.Fatalf("fixed text %q, want %q (actions %+v)", fixed, want, actions)
	}
	sent := time.Now()
	c.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": fixed}}})
	p := c.WaitDiagnostics(uri, 2)
	if find(p) != nil {
		t.Errorf("create-without-guard after the fix: %+v", p.Diagnostics)
	}
	if d := p.At.Sub(sent); d < 200*time.Millisecond {
		t.Errorf("linted %v after the change, within the pause", d)
	}

	if err := c.Call("shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	c.Notify("exit", nil)
	select {
	case <-exited:
		if waitErr != nil {
			t.Fatalf("exit: %v; stderr: %s", waitErr, stderr.String())
		}
	case <-time.After(lsptest.Timeout):
		t.Fatal("the server did not exit")
	}
}

func TestLSPFlags(t *testing.T) {
	if o := idemlint(t, t.TempDir(), "", "lsp", "--help"); o.code != exitOK || !strings.Contains(o.stdout, "Language Server Protocol") {
		t.Errorf("lsp --help: %+v", o)
	}
	if o := idemlint(t, t.TempDir(), "", "lsp", "--config", "missing.yaml"); o.code != exitTrouble || !strings.Contains(o.stderr, "missing.yaml") {
		t.Errorf("lsp --config missing.yaml: %+v", o)
	}
	// Standard input ends without shutdown: status 1, as the protocol says.
	if o := idemlint(t, t.TempDir(), "", "lsp"); o.code != 1 {
		t.Errorf("lsp at end of input: %+v", o)
	}
}

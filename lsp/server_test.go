package lsp

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idemlint/idemlint/lsp/lsptest"
	"github.com/idemlint/idemlint/rules"
)

type lp = lsptest.Position

// session starts Serve over pipes and a client speaking to it. wait
// closes the client's side and returns Serve's error.
func session(t *testing.T, opts Options) (c *lsptest.Client, wait func() error) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := Serve(context.Background(), inR, outW, opts)
		outW.Close()
		done <- err
	}()
	c = lsptest.New(t, outR, inW)
	var result error
	finished := false
	wait = func() error {
		if finished {
			return result
		}
		finished = true
		inW.Close()
		select {
		case result = <-done:
		case <-time.After(lsptest.Timeout):
			t.Fatal("Serve did not return")
		}
		return result
	}
	t.Cleanup(func() { _ = wait() })
	return c, wait
}

func initialize(t *testing.T, c *lsptest.Client, root string) {
	t.Helper()
	var res struct {
		Capabilities struct {
			PositionEncoding string `json:"positionEncoding"`
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
			} `json:"textDocumentSync"`
			HoverProvider      bool `json:"hoverProvider"`
			CodeActionProvider struct {
				CodeActionKinds []string `json:"codeActionKinds"`
			} `json:"codeActionProvider"`
		} `json:"capabilities"`
		ServerInfo struct {
			Name string `json:"name"`
		} `json:"serverInfo"`
	}
	if err := c.Call("initialize", map[string]any{"processId": nil, "rootUri": lsptest.URI(root), "capabilities": map[string]any{}}, &res); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	cp := res.Capabilities
	if cp.PositionEncoding != "utf-16" || !cp.TextDocumentSync.OpenClose || cp.TextDocumentSync.Change != 1 || !cp.HoverProvider ||
		strings.Join(cp.CodeActionProvider.CodeActionKinds, ",") != "quickfix,source.fixAll.idemlint" || res.ServerInfo.Name != "idemlint" {
		t.Fatalf("initialize result: %+v", res)
	}
	c.Notify("initialized", map[string]any{})
}

// only is a configuration that turns off every rule but the ones named
// (with a severity, or "" for the rule's own): the tests are about the
// server, and a rule added later must not change what they see. The
// rules about suppressions and inputs stay on.
func only(keep map[string]string, more string) string {
	var b strings.Builder
	b.WriteString("version: 1\nrules:\n")
	for _, r := range rules.All() {
		sev, ok := keep[r.ID]
		switch {
		case r.Category == rules.Meta || r.Category == rules.Syntax:
		case !ok:
			b.WriteString("  " + r.ID + ": off\n")
		case sev != "":
			b.WriteString("  " + r.ID + ": " + sev + "\n")
		}
	}
	return b.String() + more
}

var guards = map[string]string{"add-column-without-guard": "", "create-without-guard": "", "mysql-unsupported-if-exists": ""}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func open(c *lsptest.Client, uri, text string) {
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "sql", "version": 1, "text": text}})
}

func change(c *lsptest.Client, uri string, version int, text string) {
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": text}}})
}

func rng(sl, sc, el, ec int) lsptest.Range {
	return lsptest.Range{Start: lp{Line: sl, Character: sc}, End: lp{Line: el, Character: ec}}
}

// want checks diagnostics by rule, range and severity, in order.
type want struct {
	code     string
	r        lsptest.Range
	severity int
}

func checkDiags(t *testing.T, got []lsptest.Diagnostic, wants ...want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("%d diagnostics, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		if g.Code != w.code || g.Range != w.r || g.Severity != w.severity || g.Source != "idemlint" {
			t.Errorf("diagnostic %d: %s %+v severity %d (%q), want %s %+v severity %d", i, g.Code, g.Range, g.Severity, g.Message, w.code, w.r, w.severity)
		}
		if r := rules.Lookup(w.code); r != nil && (g.CodeDescription == nil || g.CodeDescription.Href != r.HelpURI()) {
			t.Errorf("diagnostic %d: code description %+v, want %s", i, g.CodeDescription, r.HelpURI())
		}
	}
}

func codeActions(t *testing.T, c *lsptest.Client, uri string, r lsptest.Range, only ...string) []lsptest.CodeAction {
	t.Helper()
	ctx := map[string]any{"diagnostics": []any{}}
	if len(only) > 0 {
		ctx["only"] = only
	}
	var actions []lsptest.CodeAction
	if err := c.Call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": r, "context": ctx}, &actions); err != nil {
		t.Fatalf("codeAction: %v", err)
	}
	return actions
}

func applyAction(t *testing.T, a lsptest.CodeAction, uri, text string) string {
	t.Helper()
	if a.Edit == nil || len(a.Edit.Changes) != 1 || a.Edit.Changes[uri] == nil {
		t.Fatalf("action %q: edit %+v, want changes to %s only", a.Title, a.Edit, uri)
	}
	out, err := lsptest.Apply(text, a.Edit.Changes[uri])
	if err != nil {
		t.Fatalf("action %q: %v", a.Title, err)
	}
	return out
}

func hoverAt(t *testing.T, c *lsptest.Client, uri string, p lp) *lsptest.Hover {
	t.Helper()
	var h *lsptest.Hover
	if err := c.Call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}, &h); err != nil {
		t.Fatalf("hover: %v", err)
	}
	return h
}

// The first line puts an astral character (two UTF-16 units, four bytes)
// and a two-byte one before the finding: a server counting bytes or code
// points would put the range elsewhere.
const orders = "/* 𝄞é */ ALTER TABLE orders ADD COLUMN status text;\r\n" +
	"CREATE TABLE audit (id int);\r\n"

// TestSession drives a whole session as an editor would: diagnostics
// at exact UTF-16 ranges with the configuration's severities, a fix
// applied from a code action, hover, changes coalesced by the debounce,
// a suppression added from a code action, fix-all, and shutdown.
func TestSession(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".idemlint.yaml"), only(map[string]string{"add-column-without-guard": "", "create-without-guard": "warning"}, ""))
	path := filepath.Join(dir, "db", "0001_orders.sql")
	write(t, path, orders)
	uri := lsptest.URI(path)
	c, wait := session(t, Options{Debounce: 300 * time.Millisecond})
	initialize(t, c, dir)

	open(c, uri, orders)
	p := c.WaitDiagnostics(uri, 1)
	// "/* 𝄞é */ ALTER TABLE orders " is 28 code points, 29 UTF-16 units.
	checkDiags(t, p.Diagnostics,
		want{"add-column-without-guard", rng(0, 29, 0, 51), 1},
		want{"create-without-guard", rng(1, 0, 1, 18), 2}, // warning: from .idemlint.yaml
	)
	if want := lsptest.Pos(orders, "ADD COLUMN"); p.Diagnostics[0].Range.Start != want {
		t.Fatalf("the client counts %+v", want)
	}
	if !strings.Contains(p.Diagnostics[0].Message, "column orders.status is added without a guard") ||
		!strings.Contains(p.Diagnostics[0].Message, "help: write ADD COLUMN IF NOT EXISTS") {
		t.Errorf("message %q", p.Diagnostics[0].Message)
	}

	// Hover on the finding shows it and its rule's page; elsewhere nothing.
	h := hoverAt(t, c, uri, lp{Line: 0, Character: 35})
	if h == nil || h.Contents.Kind != "markdown" || h.Range == nil || *h.Range != rng(0, 29, 0, 51) ||
		!strings.Contains(h.Contents.Value, "**add-column-without-guard** (error)") ||
		!strings.Contains(h.Contents.Value, rules.Markdown(rules.Lookup("add-column-without-guard"))) {
		t.Fatalf("hover: %+v", h)
	}
	if h := hoverAt(t, c, uri, lp{Line: 0, Character: 5}); h != nil {
		t.Fatalf("hover outside findings: %+v", h)
	}

	// A cursor inside the first finding: its fix, its suppression, and
	// the file's two fixes at once.
	actions := codeActions(t, c, uri, rng(0, 40, 0, 40))
	if len(actions) != 3 || actions[0].Kind != "quickfix" || !actions[0].IsPreferred || actions[1].Kind != "quickfix" || actions[2].Kind != "source.fixAll.idemlint" ||
		!strings.Contains(actions[0].Title, "add-column-without-guard") || !strings.HasPrefix(actions[1].Title, "Suppress add-column-without-guard") {
		t.Fatalf("actions: %+v", actions)
	}
	if len(actions[0].Diagnostics) != 1 || actions[0].Diagnostics[0].Code != "add-column-without-guard" {
		t.Errorf("fix action's diagnostics: %+v", actions[0].Diagnostics)
	}
	fixed := applyAction(t, actions[0], uri, orders)
	if want := strings.Replace(orders, "ADD COLUMN status", "ADD COLUMN IF NOT EXISTS status", 1); fixed != want {
		t.Fatalf("fixed text:\n%q\nwant\n%q", fixed, want)
	}

	// The change is linted after the pause, not at once.
	sent := time.Now()
	change(c, uri, 2, fixed)
	p = c.WaitDiagnostics(uri, 2)
	if d := p.At.Sub(sent); d < 300*time.Millisecond {
		t.Errorf("diagnostics %v after the change, before the debounce", d)
	}
	checkDiags(t, p.Diagnostics, want{"create-without-guard", rng(1, 0, 1, 18), 2})

	// Typing: changes closer together than the pause make one lint, of
	// the last text.
	before := len(c.Published(uri))
	for v := 3; v <= 7; v++ {
		change(c, uri, v, fixed+strings.Repeat("\r\n", v))
		time.Sleep(10 * time.Millisecond)
	}
	p = c.WaitDiagnostics(uri, 7)
	time.Sleep(500 * time.Millisecond) // a stale lint would publish by now
	if got := c.Published(uri)[before:]; len(got) != 1 || *got[0].Version != 7 {
		t.Fatalf("after five quick changes: %d publications, want one for version 7: %+v", len(got), got)
	}
	text := fixed + strings.Repeat("\r\n", 7)

	// Suppress the remaining finding with a reason to fill in.
	actions = codeActions(t, c, uri, rng(1, 0, 1, 0))
	if len(actions) != 2 || !strings.HasPrefix(actions[1].Title, "Suppress create-without-guard") {
		t.Fatalf("actions on line 2: %+v", actions)
	}
	suppressed := applyAction(t, actions[1], uri, text)
	wantLine := "-- idemlint:ignore create-without-guard -- <reason>\r\n"
	if !strings.Contains(suppressed, "text;\r\n"+wantLine+"CREATE TABLE audit") {
		t.Fatalf("suppressed text:\n%q", suppressed)
	}
	change(c, uri, 8, suppressed)
	p = c.WaitDiagnostics(uri, 8)
	checkDiags(t, p.Diagnostics) // nor invalid- or unused-suppression
	if h := hoverAt(t, c, uri, lp{Line: 2, Character: 3}); h != nil {
		t.Fatalf("hover on a suppressed finding: %+v", h)
	}

	// Fix all, asked as a source action.
	change(c, uri, 9, orders)
	c.WaitDiagnostics(uri, 9)
	all := codeActions(t, c, uri, rng(0, 0, 0, 0), "source.fixAll")
	if len(all) != 1 || all[0].Kind != "source.fixAll.idemlint" {
		t.Fatalf("fix-all: %+v", all)
	}
	want := "/* 𝄞é */ ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text;\r\nCREATE TABLE IF NOT EXISTS audit (id int);\r\n"
	if got := applyAction(t, all[0], uri, orders); got != want {
		t.Fatalf("fix-all:\n%q\nwant\n%q", got, want)
	}
	// Offered beside the quick fixes when the file has several.
	if got := codeActions(t, c, uri, rng(1, 3, 1, 3)); len(got) != 3 || got[2].Kind != "source.fixAll.idemlint" {
		t.Fatalf("actions with two fixable findings: %+v", got)
	}

	// Closing clears the diagnostics.
	c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	deadline := time.Now().Add(lsptest.Timeout)
	for {
		got := c.Published(uri)
		if last := got[len(got)-1]; last.Version == nil && len(last.Diagnostics) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no empty diagnostics after didClose")
		}
		time.Sleep(10 * time.Millisecond)
	}

	var null any = "unset"
	if err := c.Call("shutdown", nil, &null); err != nil || null != nil {
		t.Fatalf("shutdown: %v %v", null, err)
	}
	if err := c.Call("textDocument/hover", map[string]any{}, nil); err == nil || err.Code != codeInvalidRequest {
		t.Errorf("request after shutdown: %v", err)
	}
	c.Notify("exit", nil)
	select {
	case <-c.Closed():
	case <-time.After(lsptest.Timeout):
		t.Fatal("the server did not close its output after exit")
	}
	if err := wait(); err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

// TestLikeTheCommand: the dialect comes from the file name, an excluded
// file draws nothing, a broken configuration is said on the file, a
// document too large is an invalid-input finding, and a NUL byte too.
func TestLikeTheCommand(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".idemlint.yml"), only(guards, "exclude:\n  - legacy/**\n"))
	write(t, filepath.Join(dir, "broken", ".idemlint.yaml"), "version: 1\nrules: [\n")
	c, _ := session(t, Options{MaxFileSize: 4096})
	initialize(t, c, dir)

	mysql := "ALTER TABLE users ADD COLUMN IF NOT EXISTS age int;\n"
	uri := lsptest.URI(filepath.Join(dir, "0002_users.mysql.sql"))
	open(c, uri, mysql)
	checkDiags(t, c.WaitDiagnostics(uri, 1).Diagnostics, want{"mysql-unsupported-if-exists", rng(0, 29, 0, 29+len("IF NOT EXISTS")), 1})
	// The same text as MariaDB is fine.
	uri = lsptest.URI(filepath.Join(dir, "0002_users.mariadb.sql"))
	open(c, uri, mysql)
	checkDiags(t, c.WaitDiagnostics(uri, 1).Diagnostics)

	uri = lsptest.URI(filepath.Join(dir, "legacy", "old.sql"))
	open(c, uri, orders)
	checkDiags(t, c.WaitDiagnostics(uri, 1).Diagnostics)

	uri = lsptest.URI(filepath.Join(dir, "broken", "x.sql"))
	open(c, uri, orders)
	p := c.WaitDiagnostics(uri, 1)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range != rng(0, 0, 0, 1) ||
		!strings.HasPrefix(p.Diagnostics[0].Message, "configuration: ") || !strings.Contains(p.Diagnostics[0].Message, ".idemlint.yaml") {
		t.Fatalf("broken configuration: %+v", p.Diagnostics)
	}

	uri = lsptest.URI(filepath.Join(dir, "big.sql"))
	big := "-- é\n" + strings.Repeat("SELECT 1;\n", 500)
	open(c, uri, big)
	p = c.WaitDiagnostics(uri, 1)
	checkDiags(t, p.Diagnostics, want{"invalid-input", lsptest.Range{Start: lsptest.PosOf(big, 4096), End: lsptest.PosOf(big, 4097)}, 1})
	if !strings.Contains(p.Diagnostics[0].Message, "larger than the maximum file size (4KiB)") {
		t.Errorf("message %q", p.Diagnostics[0].Message)
	}
	if got := codeActions(t, c, uri, rng(0, 0, 1000, 0)); len(got) != 0 {
		t.Errorf("actions on a file not linted: %+v", got)
	}

	uri = lsptest.URI(filepath.Join(dir, "nul.sql"))
	open(c, uri, "SELECT 1;\nSELECT '\x00';\n")
	checkDiags(t, c.WaitDiagnostics(uri, 1).Diagnostics, want{"invalid-input", rng(1, 8, 1, 9), 1})

	// A text that is not SQL by name or language is not linted.
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": lsptest.URI(filepath.Join(dir, "notes.md")), "languageId": "markdown", "version": 1, "text": orders}})
	// An unsaved buffer is linted by its language.
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": "untitled:Untitled-1", "languageId": "sql", "version": 1, "text": orders}})
	checkDiags(t, c.WaitDiagnostics("untitled:Untitled-1", 1).Diagnostics,
		want{"add-column-without-guard", rng(0, 29, 0, 51), 1}, want{"create-without-guard", rng(1, 0, 1, 18), 1})
	if got := c.Published(lsptest.URI(filepath.Join(dir, "notes.md"))); len(got) != 0 {
		t.Errorf("a Markdown file drew diagnostics: %+v", got)
	}
}

// TestConfigurationChange: a saved configuration applies to the open
// documents at once.
func TestConfigurationChange(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".idemlint.yaml")
	write(t, cfg, only(guards, ""))
	c, _ := session(t, Options{})
	initialize(t, c, dir)
	uri := lsptest.URI(filepath.Join(dir, "1.sql"))
	open(c, uri, orders)
	checkDiags(t, c.WaitDiagnostics(uri, 1).Diagnostics,
		want{"add-column-without-guard", rng(0, 29, 0, 51), 1}, want{"create-without-guard", rng(1, 0, 1, 18), 1})
	n := len(c.Published(uri))
	write(t, cfg, only(map[string]string{"create-without-guard": "info"}, ""))
	// A different size, so the cache sees the change even where the
	// file system's clock is coarse.
	c.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": lsptest.URI(cfg)}})
	deadline := time.Now().Add(lsptest.Timeout)
	for len(c.Published(uri)) == n {
		if time.Now().After(deadline) {
			t.Fatal("no new diagnostics after the configuration was saved")
		}
		time.Sleep(10 * time.Millisecond)
	}
	got := c.Published(uri)
	checkDiags(t, got[len(got)-1].Diagnostics, want{"create-without-guard", rng(1, 0, 1, 18), 3})
}

// TestNeverBlocks: while a large document is linted, requests about
// another are answered, and a change makes the large lint's result
// stale: it is never published.
func TestNeverBlocks(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".idemlint.yaml"), only(guards, ""))
	c, _ := session(t, Options{Jobs: 1})
	initialize(t, c, dir)
	small := lsptest.URI(filepath.Join(dir, "small.sql"))
	open(c, small, orders)
	c.WaitDiagnostics(small, 1)

	// About 4 MB of statements: a second or more to lint here.
	big := strings.Repeat("ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text;\n", 70000)
	uri := lsptest.URI(filepath.Join(dir, "big.sql"))
	open(c, uri, big)
	start := time.Now()
	if h := hoverAt(t, c, small, lp{Line: 0, Character: 30}); h == nil {
		t.Fatal("no hover while a large file is linted")
	}
	answered := time.Since(start)
	change(c, uri, 2, "CREATE TABLE x (id int);\n")
	p := c.WaitDiagnostics(uri, 2)
	linted := time.Since(start)
	checkDiags(t, p.Diagnostics, want{"create-without-guard", rng(0, 0, 0, 14), 1})
	if got := c.Published(uri); len(got) != 1 {
		t.Errorf("the stale lint was published: %+v", got)
	}
	t.Logf("hover answered in %v; the large file's lint and the small one after it took %v", answered, linted)
	if answered > linted/2 {
		t.Errorf("hover took %v of %v: it waited for the lint", answered, linted)
	}
}

// TestProtocolErrors: what the protocol says about order and mistakes.
func TestProtocolErrors(t *testing.T) {
	c, wait := session(t, Options{NoConfig: true})
	if err := c.Call("textDocument/hover", map[string]any{}, nil); err == nil || err.Code != codeNotInitialized {
		t.Errorf("request before initialize: %v", err)
	}
	initialize(t, c, t.TempDir())
	if err := c.Call("initialize", map[string]any{}, nil); err == nil || err.Code != codeInvalidRequest {
		t.Errorf("second initialize: %v", err)
	}
	if err := c.Call("workspace/symbol", map[string]any{}, nil); err == nil || err.Code != codeMethodNotFound {
		t.Errorf("unknown method: %v", err)
	}
	if err := c.Call("textDocument/hover", "not an object", nil); err == nil || err.Code != codeInvalidParams {
		t.Errorf("bad params: %v", err)
	}
	// A body that is not JSON is answered with a parse error; the stream
	// goes on.
	c.WriteRaw("Content-Length: 5\r\n\r\n{oops")
	var res any
	if err := c.Call("shutdown", nil, &res); err != nil {
		t.Fatalf("shutdown after a bad message: %v", err)
	}
	// Hover on a document never opened: null.
	c.Notify("exit", nil)
	if err := wait(); err != nil {
		t.Fatalf("Serve after shutdown and exit: %v", err)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c, wait := session(t, Options{NoConfig: true})
	initialize(t, c, t.TempDir())
	c.Notify("exit", nil)
	if err := wait(); !errors.Is(err, ErrNoShutdown) {
		t.Fatalf("Serve: %v, want ErrNoShutdown", err)
	}
	// End of input without shutdown counts the same.
	_, wait = session(t, Options{NoConfig: true})
	if err := wait(); !errors.Is(err, ErrNoShutdown) {
		t.Fatalf("Serve at end of input: %v, want ErrNoShutdown", err)
	}
}

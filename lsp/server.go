// Package lsp is idemlint's language server: the Language Server Protocol
// over a byte stream (standard input and output under idemlint lsp). It
// lints SQL documents as the command lints files, with the same
// configuration, dialect inference, rules and suppressions, and offers
// the fixes --fix makes, a suppression comment for each finding, and the
// rule's page on hover.
//
// The goroutine that reads the client's messages never lints: it answers
// hovers and code actions from the last lint of the current text, and
// hands linting to workers, after a pause when the text is being typed.
// A change makes the lint of the previous text stale: it is dropped if
// it has not started, and its result is thrown away if it has.
package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// Options steer the server; zero values are the defaults.
type Options struct {
	// ConfigPath is a configuration file for every document; empty means
	// .idemlint.yaml (or .yml) in each file's folder or above.
	ConfigPath string
	// NoConfig reads no configuration file.
	NoConfig bool
	// MaxFileSize is the largest text linted, in bytes, as the command's
	// --max-file-size; 0 means the command's default, 16 MiB.
	MaxFileSize int64
	// Debounce is how long a document must stay unchanged before it is
	// linted again; 0 means 200 ms.
	Debounce time.Duration
	// Jobs is how many documents are linted at once; 0 means one per CPU.
	Jobs int
	// Version is reported to the client as the server's version.
	Version string
	// Log receives a line for each message the server cannot read; nil
	// discards them.
	Log io.Writer
}

// DefaultMaxFileSize is the command's default --max-file-size.
const DefaultMaxFileSize = 16 << 20

// DefaultDebounce is the pause after a change before the text is linted.
const DefaultDebounce = 200 * time.Millisecond

func (o Options) maxSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// ErrNoShutdown is Serve's error when the client sent exit before
// shutdown, or closed the stream without either: the protocol asks for
// exit status 1 then.
var ErrNoShutdown = errors.New("exit without shutdown")

// Serve speaks the protocol on in and out until the client sends exit,
// closes in, or ctx ends. It returns nil after shutdown and exit,
// ErrNoShutdown after an exit or end of input without shutdown, and the
// error of a stream it could not read or write.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	s := &server{
		opts: opts,
		out:  newOutbox(out),
		docs: map[string]*document{},
		sem:  make(chan struct{}, opts.Jobs),
		lint: &linter{opts: opts},
	}
	msgs := make(chan *message)
	readErr := make(chan error, 1)
	quit := make(chan struct{})
	defer close(quit)
	go func() {
		r := bufio.NewReaderSize(in, 64<<10)
		for {
			m, err := readMessage(r)
			var re *rpcError
			switch {
			case errors.As(err, &re):
				s.out.fail(nil, re.Code, "%s", re.Message)
				continue
			case errors.Is(err, errTooLarge):
				s.logf("skipped a message larger than %d bytes", maxMessage)
				continue
			case err != nil:
				readErr <- err
				return
			}
			select {
			case msgs <- m:
			case <-quit:
				return
			}
		}
	}()
	var err error
loop:
	for {
		select {
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		case e := <-readErr:
			if !errors.Is(e, io.EOF) {
				err = e
			} else if !s.shutdown {
				err = ErrNoShutdown
			}
			break loop
		case m := <-msgs:
			if m.Method == "exit" {
				if !s.shutdown {
					err = ErrNoShutdown
				}
				break loop
			}
			s.handle(m)
		}
	}
	s.stop()
	if werr := s.out.close(); err == nil && werr != nil {
		err = werr
	}
	return err
}

// server is one session with one client.
type server struct {
	opts Options
	out  *outbox
	lint *linter
	// sem holds a slot for each lint running.
	sem chan struct{}

	initialized, shutdown bool // touched by the reading goroutine only

	mu      sync.Mutex
	docs    map[string]*document
	closing bool
	running sync.WaitGroup
}

// document is an open text and what the last lint of it found.
type document struct {
	uri     string
	path    string
	version int32
	text    []byte
	// gen counts the document's texts: a lint result is kept only for
	// the text it was made from.
	gen    uint64
	timer  *time.Timer
	cancel context.CancelFunc
	// res is the lint of text (res.gen == gen), or of an earlier text,
	// or nil before the first lint ends.
	res *result
}

type result struct {
	gen uint64
	*checked
	diags []diagnostic
}

func (s *server) logf(format string, a ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "idemlint lsp: "+format+"\n", a...)
	}
}

// handle answers one message; it runs on the reading goroutine and never
// lints.
func (s *server) handle(m *message) {
	if m.Method == "" {
		return // a response: the server sends no requests
	}
	if !s.initialized && m.Method != "initialize" {
		if m.isRequest() {
			s.out.fail(m.ID, codeNotInitialized, "initialize first")
		}
		return
	}
	if s.shutdown && m.isRequest() {
		s.out.fail(m.ID, codeInvalidRequest, "the server is shut down")
		return
	}
	var err error
	switch m.Method {
	case "initialize":
		err = s.initialize(m)
	case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
		// Requests are answered at once: nothing to cancel.
	case "shutdown":
		s.shutdown = true
		s.stop()
		s.out.reply(m.ID, nil)
	case "textDocument/didOpen":
		var p didOpenParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.open(p.TextDocument)
		}
	case "textDocument/didChange":
		var p didChangeParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.change(p)
		}
	case "textDocument/didSave":
		var p didSaveParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.save(p)
		}
	case "textDocument/didClose":
		var p didCloseParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.close(p.TextDocument.URI)
		}
	case "workspace/didChangeWatchedFiles":
		// A configuration file changed: lint everything again.
		s.relintAll()
	case "textDocument/hover":
		var p textDocumentPositionParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.out.reply(m.ID, s.hover(p))
		}
	case "textDocument/codeAction":
		var p codeActionParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.out.reply(m.ID, s.codeActions(p))
		}
	default:
		if m.isRequest() {
			s.out.fail(m.ID, codeMethodNotFound, "method %s is not supported", m.Method)
		}
		return
	}
	if err != nil {
		if m.isRequest() {
			s.out.fail(m.ID, codeInvalidParams, "%s: %v", m.Method, err)
		} else {
			s.logf("%s: %v", m.Method, err)
		}
	}
}

func (s *server) initialize(m *message) error {
	if s.initialized {
		s.out.fail(m.ID, codeInvalidRequest, "initialize was already sent")
		return nil
	}
	var p initializeParams
	if len(m.Params) > 0 {
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return err
		}
	}
	for _, u := range append([]string{p.RootURI}, firstFolder(p)...) {
		if path, ok := filePath(u); ok {
			s.lint.root = path
		}
	}
	if s.lint.root == "" && p.RootPath != "" {
		s.lint.root = p.RootPath
	}
	s.initialized = true
	s.out.reply(m.ID, map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": "utf-16",
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    1, // full text on each change
				"save":      map[string]any{"includeText": false},
			},
			"hoverProvider": true,
			"codeActionProvider": map[string]any{
				"codeActionKinds": []string{kindQuickFix, kindFixAll},
			},
		},
		"serverInfo": map[string]any{"name": "idemlint", "version": s.opts.Version},
	})
	return nil
}

func firstFolder(p initializeParams) []string {
	if len(p.WorkspaceFolders) == 0 {
		return nil
	}
	return []string{p.WorkspaceFolders[0].URI}
}

// filePath is the file system path of a file: URI.
func filePath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	p := u.Path
	// file:///C:/x is C:\x on Windows.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p), true
}

// docPath is the name a document is linted as: its file, or for an
// unsaved buffer (untitled:Untitled-1) the last part of its URI, which
// still says .sql or .mysql.sql when the client named it so.
func docPath(uri string) string {
	if p, ok := filePath(uri); ok {
		return p
	}
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	name := u.Path
	if name == "" {
		name = u.Opaque
	}
	return name[strings.LastIndex(name, "/")+1:]
}

// sqlLanguages are the language IDs linted whatever the file's name.
var sqlLanguages = map[string]bool{"sql": true, "mysql": true, "pgsql": true, "postgres": true,
	"postgresql": true, "plpgsql": true, "mariadb": true, "plsql": false}

func isSQL(lang, path string) bool {
	return sqlLanguages[strings.ToLower(lang)] || strings.EqualFold(filepath.Ext(path), ".sql")
}

func (s *server) open(item textDocumentItem) {
	path := docPath(item.URI)
	if !isSQL(item.LanguageID, path) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[item.URI]; old != nil {
		old.halt()
	}
	d := &document{uri: item.URI, path: path, version: item.Version, text: []byte(item.Text)}
	s.docs[item.URI] = d
	s.schedule(d, 0)
}

func (s *server) change(p didChangeParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil || len(p.ContentChanges) == 0 {
		return
	}
	// Full sync: the last change holds the whole text.
	last := p.ContentChanges[len(p.ContentChanges)-1]
	if last.Range != nil {
		s.logf("%s: incremental change ignored (the server asked for full text)", p.TextDocument.URI)
		return
	}
	d.text, d.version = []byte(last.Text), p.TextDocument.Version
	d.gen++
	s.schedule(d, s.opts.Debounce)
}

func (s *server) save(p didSaveParams) {
	if isConfigName(filepath.Base(docPath(p.TextDocument.URI))) {
		s.relintAll()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	if p.Text != nil && *p.Text != string(d.text) {
		d.text = []byte(*p.Text)
		d.gen++
	}
	// At once: the configuration may have changed since, and a save is
	// when the user wants to know.
	s.schedule(d, 0)
}

func isConfigName(name string) bool {
	for _, n := range config.Names {
		if name == n {
			return true
		}
	}
	return false
}

func (s *server) close(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	if d != nil {
		d.halt()
		delete(s.docs, uri)
	}
	s.mu.Unlock()
	if d != nil {
		s.out.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []diagnostic{}})
	}
}

func (s *server) relintAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		s.schedule(d, 0)
	}
}

// halt stops the document's pending lint; a running one finds its result
// stale. Called with s.mu held.
func (d *document) halt() {
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
}

// stop halts every lint and lets the running ones end.
func (s *server) stop() {
	s.mu.Lock()
	s.closing = true
	for _, d := range s.docs {
		d.halt()
	}
	s.mu.Unlock()
	s.running.Wait()
}

// schedule lints the document's text after delay, in place of any lint
// already planned or running for it. Called with s.mu held.
func (s *server) schedule(d *document, delay time.Duration) {
	if s.closing {
		return
	}
	d.halt()
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	gen := d.gen
	start := func() {
		s.mu.Lock()
		if s.closing || ctx.Err() != nil {
			s.mu.Unlock()
			return
		}
		s.running.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.running.Done()
			s.run(ctx, d, gen)
		}()
	}
	if delay <= 0 {
		// s.mu is held: start takes it in its own goroutine.
		s.running.Add(1)
		go func() {
			defer s.running.Done()
			s.run(ctx, d, gen)
		}()
		return
	}
	d.timer = time.AfterFunc(delay, start)
}

// run lints one text of a document on a worker slot and publishes the
// diagnostics, unless the text changed meanwhile.
func (s *server) run(ctx context.Context, d *document, gen uint64) {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return
	}
	defer func() { <-s.sem }()
	s.mu.Lock()
	if ctx.Err() != nil || d.gen != gen {
		s.mu.Unlock()
		return
	}
	path, text := d.path, d.text
	s.mu.Unlock()

	c := s.lint.lint(path, text)
	res := &result{gen: gen, checked: c}
	res.diags = diagnostics(res)

	s.mu.Lock()
	defer s.mu.Unlock()
	if ctx.Err() != nil || d.gen != gen || s.docs[d.uri] != d {
		return // stale: a newer lint is planned
	}
	d.res = res
	v := d.version
	// Queued under the lock, so that diagnostics go out in the order of
	// the texts they are about.
	s.out.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: res.diags})
}

// current is the lint of the document's current text, or nil.
func (s *server) current(uri string) *result {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil || d.res == nil || d.res.gen != d.gen {
		return nil
	}
	return d.res
}

// diagnostics turns a lint into the protocol's diagnostics, one per
// finding, in the same order.
func diagnostics(r *result) []diagnostic {
	out := []diagnostic{}
	if r.problem != "" {
		return append(out, diagnostic{Range: spanRange(r.script, model.Span{}), Severity: severityError,
			Source: "idemlint", Message: r.problem})
	}
	for _, f := range r.findings {
		d := diagnostic{
			Range:           spanRange(r.script, f.Span),
			Severity:        severity(f.Severity),
			Code:            f.Rule.ID,
			CodeDescription: &codeDescription{Href: f.Rule.HelpURI()},
			Source:          "idemlint",
			// The text goes to the client as a JSON string: the
			// encoding is the escaping, and editors show it as text.
			Message: f.Message,
		}
		if f.Help != "" {
			d.Message += "\nhelp: " + f.Help
		}
		if f.Rule == rules.UnusedSuppression {
			d.Tags = []int{tagUnnecessary}
		}
		out = append(out, d)
	}
	return out
}

func severity(s rules.Severity) int {
	switch s {
	case rules.Error:
		return severityError
	case rules.Warning:
		return severityWarning
	}
	return severityInformation
}

// spanRange is a span in the protocol's positions. An empty span (a
// syntax error's place) takes the character there, so that every client
// underlines something; at a line's end it stays empty.
func spanRange(s *model.Script, sp model.Span) lspRange {
	n := len(s.Source)
	start := min(max(sp.Start, 0), n)
	end := min(max(sp.End, start), n)
	if end == start && start < n && s.Source[start] != '\n' && s.Source[start] != '\r' {
		_, w := utf8.DecodeRune(s.Source[start:])
		end += w
	}
	return lspRange{Start: lspPos(s.Lines, start), End: lspPos(s.Lines, end)}
}

func lspPos(l *model.Lines, off int) position {
	p := l.PositionUTF16(off)
	return position{Line: p.Line - 1, Character: p.Column - 1}
}

// Package lsptest is a small Language Server Protocol client for tests:
// it frames JSON-RPC messages, matches responses to requests, keeps every
// notification the server sends, and applies text edits the way a client
// does, counting UTF-16 code units. It shares no code with the server, so
// that a mistake in one is not mirrored in the other.
package lsptest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Position, Range, Diagnostic ... are the protocol's, as a client reads them.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

type Diagnostic struct {
	Range           Range  `json:"range"`
	Severity        int    `json:"severity"`
	Code            string `json:"code"`
	Source          string `json:"source"`
	Message         string `json:"message"`
	Tags            []int  `json:"tags"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
}

type Published struct {
	URI         string       `json:"uri"`
	Version     *int32       `json:"version"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	// At is when the client read the notification.
	At time.Time `json:"-"`
}

type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

type CodeAction struct {
	Title       string       `json:"title"`
	Kind        string       `json:"kind"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	IsPreferred bool         `json:"isPreferred"`
	Edit        *struct {
		Changes map[string][]TextEdit `json:"changes"`
	} `json:"edit"`
}

type Hover struct {
	Contents struct {
		Kind  string `json:"kind"`
		Value string `json:"value"`
	} `json:"contents"`
	Range *Range `json:"range"`
}

// Error is a JSON-RPC error response.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return fmt.Sprintf("%d: %s", e.Code, e.Message) }

type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      *int            `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// Client talks to one server.
type Client struct {
	t  testing.TB
	w  io.Writer
	mu sync.Mutex
	id int
	// waiting holds a channel per request sent and not yet answered.
	waiting map[int]chan message
	// published is every publishDiagnostics received, in order.
	published []Published
	other     []string // methods of the other notifications
	changed   chan struct{}
	readErr   error
	closed    chan struct{}
}

// New starts reading the server's output r; requests go to w.
func New(t testing.TB, r io.Reader, w io.Writer) *Client {
	c := &Client{t: t, w: w, waiting: map[int]chan message{}, changed: make(chan struct{}, 1), closed: make(chan struct{})}
	go c.read(bufio.NewReader(r))
	return c
}

func (c *Client) read(r *bufio.Reader) {
	defer close(c.closed)
	for {
		m, err := readFrame(r)
		if err != nil {
			c.mu.Lock()
			c.readErr = err
			c.mu.Unlock()
			return
		}
		c.mu.Lock()
		switch {
		case m.Method == "textDocument/publishDiagnostics":
			var p Published
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.readErr = err
			}
			p.At = time.Now()
			c.published = append(c.published, p)
		case m.Method != "":
			c.other = append(c.other, m.Method)
		case m.ID != nil:
			if ch, ok := c.waiting[*m.ID]; ok {
				ch <- m
				delete(c.waiting, *m.ID)
			}
		}
		c.mu.Unlock()
		select {
		case c.changed <- struct{}{}:
		default:
		}
	}
}

func readFrame(r *bufio.Reader) (message, error) {
	var m message
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return m, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			if n, err = strconv.Atoi(v); err != nil {
				return m, err
			}
		}
	}
	if n < 0 {
		return m, fmt.Errorf("no Content-Length")
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return m, err
	}
	return m, json.Unmarshal(body, &m)
}

func (c *Client) write(v any) {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("write to the server: %v", err)
	}
}

// WriteRaw sends bytes as they are, for malformed input.
func (c *Client) WriteRaw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.w, s); err != nil {
		c.t.Fatal(err)
	}
}

// Timeout bounds every wait for the server.
var Timeout = 20 * time.Second

// Call sends a request and decodes its result into result (which may be
// nil); it returns the server's error response, if any.
func (c *Client) Call(method string, params, result any) *Error {
	c.t.Helper()
	raw, err := c.CallRaw(method, params)
	if err != nil {
		return err
	}
	if result != nil {
		if err := json.Unmarshal(raw, result); err != nil {
			c.t.Fatalf("%s: decode %s: %v", method, raw, err)
		}
	}
	return nil
}

// CallRaw is Call returning the result undecoded.
func (c *Client) CallRaw(method string, params any) (json.RawMessage, *Error) {
	c.t.Helper()
	c.mu.Lock()
	c.id++
	id := c.id
	ch := make(chan message, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	c.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	select {
	case m := <-ch:
		if m.Error != nil {
			return nil, m.Error
		}
		if m.Result == nil {
			c.t.Fatalf("%s: a response with neither result nor error", method)
		}
		return m.Result, nil
	case <-c.closed:
		c.t.Fatalf("%s: the server closed its output (%v)", method, c.readErr)
	case <-time.After(Timeout):
		c.t.Fatalf("%s: no response in %v", method, Timeout)
	}
	return nil, nil
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) {
	c.t.Helper()
	c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// Published returns every publishDiagnostics received so far for uri.
func (c *Client) Published(uri string) []Published {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Published
	for _, p := range c.published {
		if p.URI == uri {
			out = append(out, p)
		}
	}
	return out
}

// Others returns the methods of the other notifications received.
func (c *Client) Others() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.other...)
}

// WaitDiagnostics waits for the diagnostics of uri at version (any
// version when version < 0) and returns the first such notification.
func (c *Client) WaitDiagnostics(uri string, version int32) Published {
	c.t.Helper()
	deadline := time.After(Timeout)
	for {
		for _, p := range c.Published(uri) {
			if version < 0 || p.Version != nil && *p.Version == version {
				return p
			}
		}
		select {
		case <-c.changed:
		case <-c.closed:
			c.t.Fatalf("diagnostics of %s v%d: the server closed its output (%v)", uri, version, c.readErr)
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s v%d in %v; got %+v", uri, version, Timeout, c.Published(uri))
		}
	}
}

// Closed is closed when the server's output ends.
func (c *Client) Closed() <-chan struct{} { return c.closed }

// URI is the file: URI of a path.
func URI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// Apply applies edits to text as a client does: positions are 0-based
// lines (ended by LF, CRLF or CR) and UTF-16 code units, and every range
// refers to the text before any edit.
func Apply(text string, edits []TextEdit) (string, error) {
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		s, err := Offset(text, e.Range.Start)
		if err != nil {
			return "", err
		}
		end, err := Offset(text, e.Range.End)
		if err != nil {
			return "", err
		}
		if end < s {
			return "", fmt.Errorf("edit %+v ends before it starts", e.Range)
		}
		spans = append(spans, span{s, end, e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.start < last {
			return "", fmt.Errorf("overlapping edits")
		}
		b.WriteString(text[last:s.start])
		b.WriteString(s.text)
		last = s.end
	}
	b.WriteString(text[last:])
	return b.String(), nil
}

// Offset is the byte offset of a protocol position in text; a position
// inside a character or past a line's end is an error here, since a
// server must not send one.
func Offset(text string, p Position) (int, error) {
	line, i := 0, 0
	for line < p.Line {
		j := strings.IndexAny(text[i:], "\r\n")
		if j < 0 {
			return 0, fmt.Errorf("line %d past the end", p.Line)
		}
		i += j
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		i++
		line++
	}
	units := 0
	for units < p.Character {
		if i >= len(text) || text[i] == '\n' || text[i] == '\r' {
			return 0, fmt.Errorf("character %d past the end of line %d", p.Character, p.Line)
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		units += len(utf16.Encode([]rune{r}))
		i += w
	}
	if units != p.Character {
		return 0, fmt.Errorf("character %d of line %d is inside a surrogate pair", p.Character, p.Line)
	}
	return i, nil
}

// Pos is the protocol position of the first occurrence of sub in text
// (of the n-th, 1-based, when n is given), counted in UTF-16 units.
func Pos(text, sub string, n ...int) Position {
	at := -1
	k := 1
	if len(n) > 0 {
		k = n[0]
	}
	for from := 0; k > 0; k-- {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			panic(fmt.Sprintf("%q not in the text", sub))
		}
		at = from + i
		from = at + 1
	}
	return PosOf(text, at)
}

// PosOf is the protocol position of byte offset off in text.
func PosOf(text string, off int) Position {
	var p Position
	lineStart := 0
	for i := 0; i < off; i++ {
		if text[i] == '\n' || text[i] == '\r' && (i+1 >= len(text) || text[i+1] != '\n') {
			p.Line++
			lineStart = i + 1
		}
	}
	p.Character = len(utf16.Encode([]rune(text[lineStart:off])))
	return p
}

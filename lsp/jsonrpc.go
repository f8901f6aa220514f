package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The protocol is JSON-RPC 2.0 over a byte stream, each message behind a
// "Content-Length: N" header and a blank line. The few dozen lines here
// are all it takes; a library would bring its own goroutine and
// cancellation model for a server that answers every request at once.

// JSON-RPC and LSP error codes.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeNotInitialized = -32002
)

// maxMessage bounds one message's body. The largest message a client
// sends is a document's whole text, JSON-escaped (up to six bytes for a
// control character): a message past this is read and dropped, never
// held.
const maxMessage = 256 << 20

// message is anything a peer sends: a request (ID and Method), a
// notification (Method only) or a response (ID, Result or Error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

func (m *message) isRequest() bool { return m.Method != "" && len(m.ID) > 0 && string(m.ID) != "null" }

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// errTooLarge is a message past maxMessage: it was skipped, the stream
// goes on.
var errTooLarge = errors.New("message too large")

// readMessage reads one framed message. A body that is not JSON comes
// back as a parse error with the stream still in step; a broken header
// ends the stream.
func readMessage(r *bufio.Reader) (*message, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && length < 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("read header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			length = n
		}
		// Content-Type is always utf-8 JSON in practice: ignored.
	}
	if length < 0 {
		return nil, errors.New("message without Content-Length")
	}
	if length > maxMessage {
		if _, err := io.CopyN(io.Discard, r, int64(length)); err != nil {
			return nil, err
		}
		return nil, errTooLarge
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &rpcError{Code: codeParseError, Message: err.Error()}
	}
	return &m, nil
}

// outbox writes messages in the order they are sent, from its own
// goroutine: a client slow to read never holds up the goroutine that
// reads its requests, and nothing waits on the client while holding the
// server's lock.
type outbox struct {
	w      io.Writer
	mu     sync.Mutex
	queue  [][]byte
	wake   chan struct{}
	closed bool
	done   chan struct{}
	err    error
}

func newOutbox(w io.Writer) *outbox {
	o := &outbox{w: w, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go o.run()
	return o
}

func (o *outbox) run() {
	defer close(o.done)
	for {
		o.mu.Lock()
		batch, closed := o.queue, o.closed
		o.queue = nil
		o.mu.Unlock()
		for _, b := range batch {
			if o.err == nil {
				_, o.err = o.w.Write(b)
			}
		}
		if closed && len(batch) == 0 {
			return
		}
		if len(batch) == 0 {
			<-o.wake
		}
	}
}

// send frames v and queues it; after close it is dropped.
func (o *outbox) send(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Every value sent is built here from plain structs: a failure
		// is a bug, and the peer still gets a well-formed stream.
		return
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	o.mu.Lock()
	if !o.closed {
		o.queue = append(o.queue, b.Bytes())
	}
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// close writes what is queued and stops; it returns the first write error.
func (o *outbox) close() error {
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
	<-o.done
	return o.err
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

func (o *outbox) reply(id json.RawMessage, result any) {
	o.send(response{JSONRPC: "2.0", ID: id, Result: result})
}

func (o *outbox) fail(id json.RawMessage, code int, format string, a ...any) {
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	o.send(errorResponse{JSONRPC: "2.0", ID: id, Error: &rpcError{Code: code, Message: fmt.Sprintf(format, a...)}})
}

func (o *outbox) notify(method string, params any) {
	o.send(notification{JSONRPC: "2.0", Method: method, Params: params})
}

package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// command is a workflow command as the Actions runner reads a line: the
// name up to a space, comma-separated key=value properties up to the next
// "::", and the message after it, each unescaped as the runner does.
type command struct {
	name  string
	props map[string]string
	msg   string
}

func parseCommand(line string) (command, bool) {
	if !strings.HasPrefix(line, "::") {
		return command{}, false
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return command{}, false
	}
	info := line[2 : 2+end]
	c := command{props: map[string]string{}, msg: unescapeData(line[2+end+2:])}
	name, props, hasProps := strings.Cut(info, " ")
	c.name = name
	if hasProps {
		for _, kv := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return command{}, false
			}
			c.props[k] = unescapeProperty(v)
		}
	}
	return c, true
}

// unescapeData and unescapeProperty undo the escapes one after the
// other, in the order the runner does (ActionCommand.cs in actions/runner).
func unescapeData(s string) string {
	return unescapeSeq(s, "%0D", "\r", "%0A", "\n", "%25", "%")
}

func unescapeProperty(s string) string {
	return unescapeSeq(s, "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
}

func unescapeSeq(s string, pairs ...string) string {
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}

// TestGitHubHostile feeds the format a path and messages written to inject
// workflow commands (a SQL comment's "::error::", an escaped newline
// "%0A::add-mask::", raw newlines, CR, '%') and reads the output as the
// runner would: every line is either one of our annotations, carrying the
// hostile text intact as data, or the closing line.
func TestGitHubHostile(t *testing.T) {
	path := "db/a,b:c\n::add-mask::x%0A\r.sql"
	src := "-- ::error::pwned\nCREATE TABLE \"x\n::add-mask::secret\" (id int);\n"
	s := script(path, model.Postgres, model.FrameworkNone, src)
	msgs := []string{
		"comment says -- ::error file=x::pwned",
		"table x\n::add-mask::secret is created %0A::set-output name=a::b",
		"CR\r::warning::x and 100% done %25",
		"bell \x07 and escape \x1b[2J",
	}
	var fs []rules.Finding
	for i, m := range msgs {
		fs = append(fs, rules.Finding{Rule: demoRule, Severity: rules.Error, Message: m, Help: "help %0A::debug::x",
			Span: model.Span{Start: i, End: i + 3}})
	}
	summary := filepath.Join(t.TempDir(), "summary.md")
	env := func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return summary
		}
		return ""
	}
	var buf bytes.Buffer
	if err := writeGitHub(&buf, []File{{Script: s, Findings: fs}}, Options{Getenv: env}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(msgs)+1 {
		t.Fatalf("got %d lines, want %d annotations and a closing line:\n%s", len(lines), len(msgs), buf.String())
	}
	for i, m := range msgs {
		c, ok := parseCommand(lines[i])
		if !ok || c.name != "error" {
			t.Fatalf("line %d is not an error command: %q", i+1, lines[i])
		}
		keys := []string{"file", "line", "col", "endLine", "endColumn", "title"}
		if len(c.props) != len(keys) {
			t.Errorf("line %d: properties %v, want exactly %v", i+1, c.props, keys)
		}
		if c.props["file"] != path {
			t.Errorf("line %d: file = %q, want %q", i+1, c.props["file"], path)
		}
		// The message is for people: what could disturb the log is
		// shown escaped, on the annotation's first line.
		wantMsg := safetext.Inline(m) + "\nHelp: help %0A::debug::x\n" + demoRule.HelpURI()
		if c.msg != wantMsg {
			t.Errorf("line %d: message = %q, want %q", i+1, c.msg, wantMsg)
		}
		if c.props["title"] != "demo-create: CREATE TABLE without IF NOT EXISTS" {
			t.Errorf("line %d: title = %q", i+1, c.props["title"])
		}
	}
	if !strings.HasPrefix(lines[len(msgs)], "idemlint: 4 findings") {
		t.Errorf("closing line = %q", lines[len(msgs)])
	}
	// The summary holds one table row per finding, each on one line with
	// no unescaped cell separator or HTML from the input.
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, l := range strings.Split(string(md), "\n") {
		if !strings.HasPrefix(l, "| error |") {
			continue
		}
		rows++
		if n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); n != 5 {
			t.Errorf("row has %d cell separators, want 5: %q", n, l)
		}
		if strings.ContainsAny(l, "\r\x07\x1b") || strings.Contains(l, "<script") {
			t.Errorf("row carries raw input: %q", l)
		}
	}
	if rows != len(msgs) {
		t.Errorf("summary has %d rows, want %d:\n%s", rows, len(msgs), md)
	}
}

// TestGitHubLimits: GitHub shows 10 annotations of each level per step,
// so the most severe findings get them, in file order, and the closing
// line and the summary account for the rest.
func TestGitHubLimits(t *testing.T) {
	var src strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&src, "SELECT %d;\n", i)
	}
	s := script("m.sql", model.Postgres, model.FrameworkNone, src.String())
	sev := func(line int) rules.Severity {
		switch {
		case line%3 == 0:
			return rules.Error // 13 errors
		case line <= 12:
			return rules.Warning // 8 warnings
		}
		return rules.Info // 19 infos
	}
	var fs []rules.Finding
	for line := 1; line <= 40; line++ {
		off := s.Lines.LineStart(line)
		fs = append(fs, rules.Finding{Rule: demoRule, Severity: sev(line), Message: fmt.Sprintf("line %d", line),
			Span: model.Span{Start: off, End: off + 6}})
	}
	summary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GITHUB_STEP_SUMMARY": summary, "GITHUB_SERVER_URL": "https://github.com",
		"GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc123"}
	var buf bytes.Buffer
	if err := writeGitHub(&buf, []File{{Script: s, Findings: fs}}, Options{Getenv: func(k string) string { return env[k] }, Baselined: 2}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if c, ok := parseCommand(l); ok {
			got = append(got, c.name+" "+c.props["line"])
		}
	}
	var want []string
	for _, level := range []struct {
		name string
		sev  rules.Severity
	}{{"error", rules.Error}, {"warning", rules.Warning}, {"notice", rules.Info}} {
		n := 0
		for line := 1; line <= 40 && n < 10; line++ {
			if sev(line) == level.sev {
				want = append(want, fmt.Sprintf("%s %d", level.name, line))
				n++
			}
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("annotations:\n got %v\nwant %v", got, want)
	}
	closing := "idemlint: 40 findings in 1 file of 1 checked; 2 hidden by the baseline; 12 not annotated " +
		"(GitHub shows 10 errors, 10 warnings and 10 notices per step): the job summary lists them all\n"
	if !strings.HasSuffix(buf.String(), closing) {
		t.Errorf("closing line: got\n%s\nwant suffix\n%s", buf.String(), closing)
	}
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(md), "earlier step\n## idemlint\n\n40 findings (13 errors, 8 warnings, 19 notices) in 1 file of 1 checked. 2 hidden by the baseline.\n") {
		t.Errorf("summary must append to what was there, with the counts:\n%s", md)
	}
	if n := strings.Count(string(md), "\n| "); n != 41 {
		t.Errorf("summary has %d table lines, want a header and 40 rows:\n%s", n, md)
	}
	row := "| error | [m.sql\\:3\\:1](https://github.com/o/r/blob/abc123/m.sql#L3) | [demo-create](" + demoRule.HelpURI() + ") | line 3<br>Help\\: write CREATE TABLE IF NOT EXISTS |\n"
	if !strings.Contains(string(md), row) {
		t.Errorf("summary lacks the row\n%s\n%s", row, md)
	}
}

func TestGitHubNoSummary(t *testing.T) {
	s := script("m.sql", model.Postgres, model.FrameworkNone, "SELECT 1;\n")
	var fs []rules.Finding
	for i := 0; i < 11; i++ {
		fs = append(fs, rules.Finding{Rule: demoRule, Severity: rules.Error, Message: "m", Span: model.Span{Start: 0, End: 6}})
	}
	var buf bytes.Buffer
	if err := writeGitHub(&buf, []File{{Script: s, Findings: fs}}, Options{Getenv: func(string) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "; 1 not annotated (GitHub shows 10 errors, 10 warnings and 10 notices per step): run with --format text to see them all\n") {
		t.Errorf("closing line should point at the text format without a summary:\n%s", buf.String())
	}
}

func TestEscapeMarkdown(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"a | b", `a \| b`},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
		{"line\r\nbreak", `line\\r\\nbreak`},
		{"bidi\u202e zw\u200b esc\x1b", `bidi\\u202e zw\\u200b esc\\x1b`},
		{"`code` *em* [l](u) @user", "\\`code\\` \\*em\\* \\[l\\]\\(u\\) \\@user"},
	}
	for _, c := range cases {
		if got := escapeMarkdown(c.in); got != c.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestGitHubOddFileName: the file property must name the real file after
// the runner unescapes it, whatever characters the name holds, and the
// line must stay one annotation. A name that is not UTF-8 cannot reach
// the runner intact: it is escaped visibly and the message says so.
func TestGitHubOddFileName(t *testing.T) {
	odd := "::stop-commands::x\x1b[31m,a:b%25%0A\r\n::error::c,\u202edcba\u2066\u200b\ufeff.sql"
	for _, c := range []struct {
		name, file, prefix string
	}{
		{odd, odd, ""},
		{odd + "\xff", safetext.Inline(odd + "\xff"),
			"the file name is not valid UTF-8 and is shown escaped: " + safetext.Inline(odd+"\xff") + ": "},
	} {
		s := script(c.name, model.Postgres, model.FrameworkNone, "SELECT 1;\n")
		fs := []rules.Finding{{Rule: demoRule, Severity: rules.Warning, Message: "m", Span: model.Span{Start: 0, End: 6}}}
		var buf bytes.Buffer
		if err := writeGitHub(&buf, []File{{Script: s, Findings: fs}}, Options{Getenv: func(string) string { return "" }}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("%q: want one annotation and the closing line, got:\n%s", c.name, buf.String())
		}
		cmd, ok := parseCommand(lines[0])
		if !ok || cmd.name != "warning" {
			t.Fatalf("%q: not a warning command: %q", c.name, lines[0])
		}
		if cmd.props["file"] != c.file {
			t.Errorf("%q: file = %q, want %q", c.name, cmd.props["file"], c.file)
		}
		if cmd.props["line"] != "1" || cmd.props["col"] != "1" || cmd.props["endColumn"] != "6" {
			t.Errorf("%q: position properties %v", c.name, cmd.props)
		}
		if want := c.prefix + "m\nHelp: write CREATE TABLE IF NOT EXISTS\n" + demoRule.HelpURI(); cmd.msg != want {
			t.Errorf("%q: message = %q, want %q", c.name, cmd.msg, want)
		}
		// Only the escapes of the command and the characters of the name:
		// no raw line break, and the closing line is ours.
		if strings.ContainsAny(lines[0], "\r") || !strings.HasPrefix(lines[1], "idemlint: ") {
			t.Errorf("%q: output broken:\n%q", c.name, buf.String())
		}
	}
}

// TestStepSummaryOddFileName: a file name is text from the pull request;
// in the Markdown summary it must stay inside its cell and its link.
func TestStepSummaryOddFileName(t *testing.T) {
	name := "db/a|b`c`<img src=x onerror=alert(1)>](javascript:x)\x1b\u202e\n.sql"
	s := script(name, model.Postgres, model.FrameworkNone, "SELECT 1;\n")
	fs := []rules.Finding{{Rule: demoRule, Severity: rules.Error, Message: "m | <b>", Span: model.Span{Start: 0, End: 6}}}
	summary := filepath.Join(t.TempDir(), "summary.md")
	env := map[string]string{"GITHUB_STEP_SUMMARY": summary, "GITHUB_SERVER_URL": "https://github.com",
		"GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc"}
	var buf bytes.Buffer
	if err := writeGitHub(&buf, []File{{Script: s, Findings: fs}}, Options{Getenv: func(k string) string { return env[k] }}); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	var row string
	for _, l := range strings.Split(string(md), "\n") {
		if strings.HasPrefix(l, "| error |") {
			row = l
		}
	}
	want := "| error | [db/a\\|b\\`c\\`&lt;img src=x onerror=alert\\(1\\)&gt;\\]\\(javascript\\:x\\)\\\\x1b\\\\u202e\\\\n.sql\\:1\\:1]" +
		"(https://github.com/o/r/blob/abc/db/a%7Cb%60c%60%3Cimg%20src=x%20onerror=alert%281%29%3E%5D%28javascript:x%29%1B%E2%80%AE%0A.sql#L1) | " +
		"[demo-create](" + demoRule.HelpURI() + ") | m \\| &lt;b&gt;<br>Help\\: write CREATE TABLE IF NOT EXISTS |"
	if row != want {
		t.Errorf("summary row\n got %s\nwant %s", row, want)
	}
}

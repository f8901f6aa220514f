package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/idemlint/idemlint/baseline"
	"github.com/idemlint/idemlint/internal/safetext"
	"github.com/idemlint/idemlint/rules"
)

func init() { register("github", writeGitHub) }

// annotationLimit is how many annotations of one level GitHub shows per
// step; it drops the rest silently.
const annotationLimit = 10

// summaryBudget keeps the job summary under GitHub's 1 MiB limit for one
// step, with room for the heading and the closing line.
const summaryBudget = 1<<20 - 16<<10

// writeGitHub writes GitHub Actions workflow commands: one annotation per
// finding, most severe first, within GitHub's per-step limits, then a
// plain closing line. When GITHUB_STEP_SUMMARY is set, the complete list
// is appended there as a Markdown table.
func writeGitHub(w io.Writer, files []File, opt Options) error {
	getenv := opt.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	type item struct {
		file int
		x    *rules.Finding
	}
	var all []item
	for i, f := range files {
		for j := range f.Findings {
			all = append(all, item{i, &f.Findings[j]})
		}
	}
	// The most severe findings get the annotations; within a level, the
	// order of the files and of the findings in them.
	var shown []item
	counts := map[rules.Severity]int{}
	for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info} {
		for _, it := range all {
			if severityOf(it.x) == sev && counts[sev] < annotationLimit {
				counts[sev]++
				shown = append(shown, it)
			}
		}
	}
	summaryFile := getenv("GITHUB_STEP_SUMMARY")

	bw := bufio.NewWriter(w)
	for _, it := range shown {
		writeAnnotation(bw, files[it.file], it.x, opt.Root)
	}
	s := summarize(files, opt)
	left := len(all) - len(shown)
	fmt.Fprintf(bw, "idemlint: %s in %s of %d checked",
		plural(s.Findings, "finding", "findings"), plural(s.Affected, "file", "files"), s.Files)
	if s.Baselined > 0 {
		fmt.Fprintf(bw, "; %d hidden by the baseline", s.Baselined)
	}
	if s.Unreadable > 0 {
		fmt.Fprintf(bw, "; %s could not be read", plural(s.Unreadable, "path", "paths"))
	}
	if left > 0 {
		fmt.Fprintf(bw, "; %d not annotated (GitHub shows %d errors, %d warnings and %d notices per step)",
			left, annotationLimit, annotationLimit, annotationLimit)
		if summaryFile != "" {
			_, _ = bw.WriteString(": the job summary lists them all")
		} else {
			_, _ = bw.WriteString(": run with --format text to see them all")
		}
	}
	_, _ = bw.WriteString("\n") // a write error resurfaces in Flush
	if err := bw.Flush(); err != nil {
		return err
	}
	if summaryFile == "" {
		return nil
	}
	f, err := os.OpenFile(summaryFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	werr := writeStepSummary(f, files, opt, getenv)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("job summary: %w", werr)
	}
	return nil
}

// writeAnnotation writes one workflow command. The file property carries
// the name's own characters, escaped only where the runner unescapes
// (propertyEscaper), so that the annotation lands on the real file;
// the title and message are for people and have every character that
// could disturb a log escaped (safetext) before they are escaped as
// workflow-command text. Nothing from a migration can end the command or
// start another one.
func writeAnnotation(w *bufio.Writer, f File, x *rules.Finding, root string) {
	s := f.Script
	sp := span(s, x.Span)
	start := positionOf(s, sp.Start)
	// GitHub's end column is inclusive: the last character of the span.
	end := start
	if sp.End > sp.Start {
		end = positionOf(s, sp.End-1)
	}
	cmd := "notice"
	switch severityOf(x) {
	case rules.Error:
		cmd = "error"
	case rules.Warning:
		cmd = "warning"
	}
	title := x.Rule.ID
	if x.Rule.Summary != "" {
		title += ": " + x.Rule.Summary
	}
	path := baseline.NormalizePath(s.Path, root)
	msg := safetext.Inline(x.Message)
	if !utf8.ValidString(path) {
		// The runner reads its input as UTF-8 and would turn the byte into
		// U+FFFD, naming a file that does not exist either way: name the
		// file visibly escaped, and say so.
		path = safetext.Inline(path)
		msg = "the file name is not valid UTF-8 and is shown escaped: " + path + ": " + msg
	}
	if h := helpOf(x); h != "" {
		msg += "\nHelp: " + safetext.Inline(h)
	}
	msg += "\n" + x.Rule.HelpURI()
	fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
		cmd, propertyEscaper.Replace(path), start.Line, start.Column, end.Line, end.Column,
		propertyEscaper.Replace(safetext.Inline(title)), dataEscaper.Replace(msg))
}

// The escapes of workflow commands, exactly the ones the runner undoes
// (ActionCommand.UnescapeProperty and UnescapeData in actions/runner):
// '%' first, so that an escape in the input is itself escaped.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// writeStepSummary appends the Markdown job summary: the counts and every
// finding in a table, cut short (and saying so) before GitHub's size limit.
func writeStepSummary(w io.Writer, files []File, opt Options, getenv func(string) string) error {
	bw := bufio.NewWriter(w)
	s := summarize(files, opt)
	var b strings.Builder
	b.WriteString("## idemlint\n\n")
	if s.Findings == 0 {
		fmt.Fprintf(&b, "No findings in %s.", plural(s.Files, "file", "files"))
	} else {
		var parts []string
		if s.Errors > 0 {
			parts = append(parts, plural(s.Errors, "error", "errors"))
		}
		if s.Warnings > 0 {
			parts = append(parts, plural(s.Warnings, "warning", "warnings"))
		}
		if s.Infos > 0 {
			parts = append(parts, plural(s.Infos, "notice", "notices"))
		}
		fmt.Fprintf(&b, "%s (%s) in %s of %d checked.", plural(s.Findings, "finding", "findings"),
			strings.Join(parts, ", "), plural(s.Affected, "file", "files"), s.Files)
	}
	if s.Baselined > 0 {
		fmt.Fprintf(&b, " %d hidden by the baseline.", s.Baselined)
	}
	if s.Unreadable > 0 {
		fmt.Fprintf(&b, " %s could not be read.", plural(s.Unreadable, "path", "paths"))
	}
	b.WriteString("\n")
	if s.Findings > 0 {
		b.WriteString("\n| | File | Rule | Message |\n|---|---|---|---|\n")
	}
	_, _ = bw.WriteString(b.String()) // write errors resurface in Flush
	size := b.Len()
	link := blobLink(getenv)
	written := 0
	for _, f := range files {
		sc := f.Script
		path := baseline.NormalizePath(sc.Path, opt.Root)
		for i := range f.Findings {
			x := &f.Findings[i]
			pos := positionOf(sc, span(sc, x.Span).Start)
			where := fmt.Sprintf("%s:%d:%d", path, pos.Line, pos.Column)
			cell := escapeMarkdown(where)
			if link != "" {
				cell = fmt.Sprintf("[%s](%s%s#L%d)", cell, link, escapeURLPath(path), pos.Line)
			}
			msg := escapeMarkdown(x.Message)
			if h := helpOf(x); h != "" {
				msg += "<br>" + escapeMarkdown("Help: "+h)
			}
			row := fmt.Sprintf("| %s | %s | [%s](%s) | %s |\n", severityIcon(severityOf(x)), cell,
				escapeMarkdown(x.Rule.ID), x.Rule.HelpURI(), msg)
			if size+len(row) > summaryBudget {
				fmt.Fprintf(bw, "\n%d more findings are not listed: the summary would pass GitHub's size limit.\n", s.Findings-written)
				return bw.Flush()
			}
			size += len(row)
			written++
			_, _ = bw.WriteString(row)
		}
	}
	_, _ = bw.WriteString("\n")
	return bw.Flush()
}

func severityIcon(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// blobLink is the URL prefix of files at the commit being checked, when
// the environment says which one.
func blobLink(getenv func(string) string) string {
	server, repo, sha := getenv("GITHUB_SERVER_URL"), getenv("GITHUB_REPOSITORY"), getenv("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" || strings.ContainsAny(server+repo+sha, " ()<>\"\n\r") {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha + "/"
}

// escapeURLPath keeps a path usable inside a Markdown link target.
func escapeURLPath(p string) string {
	e := escapePath(p)
	return strings.NewReplacer("(", "%28", ")", "%29").Replace(strings.TrimPrefix(e, "./"))
}

// escapeMarkdown makes text from a migration inert in a table cell:
// characters safetext escapes (line breaks among them) are escaped,
// Markdown punctuation is backslash-escaped and HTML is spelled as
// entities.
func escapeMarkdown(s string) string {
	s = safetext.Inline(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!', '(', ')', '$', '@', ':':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

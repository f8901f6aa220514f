package parser

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/parser/model"
)

// layout is what framework detection finds in a file: its sections, and
// how the framework cuts the text before the server sees it.
type layout struct {
	framework model.Framework
	sections  []*model.Section
	// regions cut the file into the parts a framework sends to the
	// server on their own (dbmate and goose sections, goose
	// StatementBegin/StatementEnd blocks, Liquibase changesets and their
	// rollbacks): sorted, without overlap, covering the file. A statement
	// never runs on from one into the next, semicolon or not. Empty when
	// the file is one part.
	regions []model.Region
	// rollbacks are the Liquibase rollback SQL written in comments, each
	// with the down section its statements belong to.
	rollbacks []rollback
	// preconditions are Liquibase precondition comments by section.
	preconditions map[*model.Section][]precondition
}

// directive is a line comment, trimmed.
type directive struct {
	text string
	span model.Span
}

type mark struct {
	kind model.SectionKind
	at   int
	tx   bool
}

var (
	flywayName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?i)([VUR])([0-9][0-9._]*)?__.+\.sql$`) })
	gooseDir   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^--\s*\+goose\s+(.*)$`) })
	dbmateDir  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^--\s*migrate:(up|down)\b(.*)$`) })
)

// detectLayout recognises the migration framework from the file name and
// its directive comments (or takes the one configured), and cuts the file
// into sections.
func detectLayout(p string, src []byte, comments []model.Span, want model.Framework) layout {
	p = strings.ReplaceAll(p, "\\", "/")
	base := path.Base(p)
	lowerBase := strings.ToLower(base)
	dir := "/" + strings.ToLower(path.Dir(p)) + "/"

	var dirs []directive
	for _, c := range comments {
		t := strings.TrimSpace(string(src[c.Start:c.End]))
		if strings.HasPrefix(t, "--") {
			dirs = append(dirs, directive{t, c})
		}
	}
	firstIsNoTx := len(dirs) > 0 && dirs[0].span.Start == firstNonSpace(src) && isNoTransaction(dirs[0].text)

	fw := want
	if fw == model.FrameworkNone {
		fw = guessFramework(dirs, base, lowerBase, dir, firstIsNoTx)
	}

	l := layout{framework: fw}
	add := func(kind model.SectionKind, sp model.Span, tx bool) *model.Section {
		s := &model.Section{Kind: kind, Span: sp, InTransaction: tx}
		l.sections = append(l.sections, s)
		return s
	}
	whole := model.Span{Start: 0, End: len(src)}
	downFile := lowerBase == "down.sql" || strings.HasSuffix(lowerBase, ".down.sql")

	switch fw {
	case model.Goose:
		l.goose(dirs, len(src))
	case model.Dbmate:
		var marks []mark
		for _, d := range dirs {
			m := dbmateDir().FindStringSubmatch(d.text)
			if m == nil {
				continue
			}
			k := model.SectionUp
			if m[1] == "down" {
				k = model.SectionDown
			}
			tx := !strings.Contains(strings.ReplaceAll(strings.ToLower(m[2]), " ", ""), "transaction:false")
			marks = append(marks, mark{k, d.span.Start, tx})
		}
		// dbmate sends each section to the server as one string.
		for _, s := range cut(marks, len(src)) {
			add(s.kind, s.span, s.tx)
			l.regions = append(l.regions, model.Region{Span: s.span})
		}
	case model.Liquibase:
		l.liquibase(dirs, comments, src)
	case model.Flyway:
		s := add(model.SectionUp, whole, true)
		if m := flywayName().FindStringSubmatch(base); m != nil {
			switch strings.ToUpper(m[1]) {
			case "U":
				s.Kind = model.SectionDown
			case "R":
				s.Repeatable = true
				s.RepeatReason = "Flyway re-runs a repeatable (R__) migration every time it changes"
			}
		}
	case model.Diesel, model.GolangMigrate, model.Sqlx, model.Prisma:
		kind := model.SectionUp
		if downFile {
			kind = model.SectionDown
		}
		add(kind, whole, !firstIsNoTx)
	case model.Atlas:
		add(model.SectionUp, whole, !hasPrefix(dirs, "-- atlas:txmode none"))
	case model.Sqitch:
		kind := model.SectionUp
		if strings.Contains(dir, "/revert/") {
			kind = model.SectionDown
		}
		add(kind, whole, false)
	default:
		kind := model.SectionWhole
		if downFile {
			kind = model.SectionDown
		}
		add(kind, whole, false)
	}
	if len(l.sections) == 0 {
		add(model.SectionWhole, whole, false)
	}
	// Mattermost's morph runs a file marked nontransactional statement by
	// statement, whatever its naming looks like.
	if hasPrefix(dirs, "-- morph:nontransactional") {
		for _, sec := range l.sections {
			sec.InTransaction = false
		}
	}
	return l
}

func guessFramework(dirs []directive, base, lowerBase, dir string, firstIsNoTx bool) model.Framework {
	has := func(re *regexp.Regexp) bool {
		for _, d := range dirs {
			if re.MatchString(d.text) {
				return true
			}
		}
		return false
	}
	switch {
	case len(dirs) > 0 && isLiquibaseHeader(dirs[0].text):
		return model.Liquibase
	case has(gooseDir()):
		return model.Goose
	case has(dbmateDir()):
		return model.Dbmate
	case flywayName().MatchString(base):
		return model.Flyway
	case lowerBase == "up.sql" || lowerBase == "down.sql":
		return model.Diesel
	case lowerBase == "migration.sql":
		return model.Prisma
	case firstIsNoTx:
		return model.Sqlx
	case strings.HasSuffix(lowerBase, ".up.sql") || strings.HasSuffix(lowerBase, ".down.sql"):
		return model.GolangMigrate
	case hasPrefix(dirs, "-- atlas:"):
		return model.Atlas
	case strings.Contains(dir, "/deploy/") || strings.Contains(dir, "/revert/") || strings.Contains(dir, "/verify/"):
		return model.Sqitch
	}
	return model.FrameworkUndefined
}

// goose cuts a goose file into its Up and Down sections and the parts
// goose sends to the server as one string. goose (pressly/goose, its
// sqlparser) reads line by line: outside a StatementBegin/StatementEnd
// block a statement ends at a line whose last word ends with a semicolon;
// a block ends at StatementEnd, and what the buffer held when the block
// began (an unterminated statement) goes with it. So each block, from the
// end of what came before it to its StatementEnd, is one region; the text
// after the last block of a section is another.
func (l *layout) goose(dirs []directive, n int) {
	noTx := false
	var marks []mark
	var ends []int // where each StatementEnd that closes a block ends
	open := false
	for _, d := range dirs {
		m := gooseDir().FindStringSubmatch(d.text)
		if m == nil {
			continue
		}
		switch strings.ToLower(strings.Join(strings.Fields(m[1]), " ")) {
		case "up":
			marks = append(marks, mark{model.SectionUp, d.span.Start, true})
			open = false
		case "down":
			marks = append(marks, mark{model.SectionDown, d.span.Start, true})
			open = false
		case "no transaction":
			noTx = true
		case "statementbegin":
			open = true
		case "statementend":
			if open {
				ends = append(ends, d.span.End)
				open = false
			}
		}
	}
	parts := cut(marks, n)
	for _, c := range parts {
		l.sections = append(l.sections, &model.Section{Kind: c.kind, Span: c.span, InTransaction: !noTx})
	}
	if len(parts) == 0 {
		// Blocks without an Up marker (goose refuses the file): still
		// one statement each.
		parts = []cutSection{{span: model.Span{End: n}}}
	}
	for _, c := range parts {
		from := c.span.Start
		for len(ends) > 0 && ends[0] <= c.span.End {
			if ends[0] > from {
				l.regions = append(l.regions, model.Region{Span: model.Span{Start: from, End: ends[0]}, Atomic: true})
				from = ends[0]
			}
			ends = ends[1:]
		}
		if from < c.span.End {
			l.regions = append(l.regions, model.Region{Span: model.Span{Start: from, End: c.span.End}})
		}
	}
}

type cutSection struct {
	kind model.SectionKind
	span model.Span
	tx   bool
}

// cut turns ordered section markers into sections; text before the first
// marker belongs to the first section.
func cut(marks []mark, n int) []cutSection {
	out := make([]cutSection, 0, len(marks))
	for i, m := range marks {
		end := n
		if i+1 < len(marks) {
			end = marks[i+1].at
		}
		start := m.at
		if i == 0 {
			start = 0
		}
		out = append(out, cutSection{m.kind, model.Span{Start: start, End: end}, m.tx})
	}
	return out
}

func isLiquibaseHeader(t string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(strings.TrimPrefix(t, "--")), " "), "liquibase formatted sql")
}

func hasPrefix(dirs []directive, prefix string) bool {
	for _, d := range dirs {
		t := "-- " + strings.TrimSpace(strings.TrimPrefix(d.text, "--"))
		if strings.HasPrefix(strings.ToLower(t), prefix) {
			return true
		}
	}
	return false
}

func isNoTransaction(t string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(strings.TrimPrefix(t, "--")), " "), "no-transaction")
}

// firstNonSpace skips whitespace and a UTF-8 byte order mark.
func firstNonSpace(src []byte) int {
	i := 0
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		i = 3
	}
	for ; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return i
		}
	}
	return len(src)
}

// gooseUnterminated marks the last statement of a goose section that
// does not end with a semicolon outside a StatementBegin/StatementEnd
// block. goose ends such a statement only at a line ending in a
// semicolon, so at the next section or the end of the file it is still
// open: goose v3 refuses the whole file ("unexpected unfinished SQL
// query ... missing semicolon?"), and the original goose skipped the
// statement with a warning. Either way it never runs as written.
func gooseUnterminated(s *model.Script, l layout) {
	if l.framework != model.Goose {
		return
	}
	for _, r := range l.regions {
		if r.Atomic {
			continue
		}
		var last *model.Statement
		for _, st := range s.Statements {
			if st.Span.Start >= r.Span.Start && st.Span.Start < r.Span.End {
				last = st
			}
		}
		if last == nil || last.Err != nil || bytes.HasSuffix(s.Source[last.Span.Start:last.Span.End], []byte(";")) {
			continue
		}
		last.Err = &model.SyntaxError{Kind: model.ErrSyntax, Pos: last.Span.End,
			Message: "no semicolon ends this statement outside a StatementBegin/StatementEnd block: goose refuses the file (\"unexpected unfinished SQL query ... missing semicolon?\"; older goose versions skip the statement)",
			Help:    "end the statement with a semicolon at the end of its last line, or put it between -- +goose StatementBegin and -- +goose StatementEnd"}
	}
}

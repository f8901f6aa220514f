package parser

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/parser/model"
)

// queryName is the comment that names a query in a query file: sqlc,
// yesql, aiosql, dotsql and goyesql write "-- name: GetUser :one" (sqlc
// also "/* name: GetUser :one */"), HugSQL and PugSQL "-- :name get-user".
var queryName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:--|/\*)[ \t]*(?:name:|:name[ \t])[ \t]*\S`) })

// queryFile recognises a file of named application queries: it names a
// query before its first statement, and neither its name nor its
// comments mark it as a migration of any framework. Such files are run
// by the application, query by query and as often as it likes, so that
// re-running is their purpose, not a hazard.
func queryFile(p string, src []byte, comments []model.Span) (string, bool) {
	first := -1
	var dirs []directive
	for _, c := range comments {
		t := strings.TrimSpace(string(src[c.Start:c.End]))
		if first < 0 && startsLine(src, c.Start) && queryName().MatchString(t) {
			first = c.Start
		}
		if strings.HasPrefix(t, "--") {
			dirs = append(dirs, directive{t, c})
		}
	}
	if first < 0 || !onlyComments(src, comments, firstNonSpace(src), first) {
		return "", false
	}
	p = strings.ReplaceAll(p, "\\", "/")
	base := path.Base(p)
	firstIsNoTx := len(dirs) > 0 && dirs[0].span.Start == firstNonSpace(src) && isNoTransaction(dirs[0].text)
	if guessFramework(dirs, base, strings.ToLower(base), "/"+strings.ToLower(path.Dir(p))+"/", firstIsNoTx) != model.FrameworkUndefined {
		return "", false
	}
	line := model.NewLines(src).Line(first)
	return fmt.Sprintf("a query file (sqlc, yesql, HugSQL and the like: a query named at line %d before any statement), not a migration; set query-files: lint in the configuration to lint it", line), true
}

package parser

import (
	"path"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// Path hints: a directory named like a dialect, or a dot-separated part
// of the file name (0001_init.mysql.up.sql, schema.sql.postgres).
var pathHints = map[string]model.Dialect{
	"postgres": model.Postgres, "postgresql": model.Postgres, "pg": model.Postgres,
	"pgsql": model.Postgres, "psql": model.Postgres,
	"mysql": model.MySQL, "mariadb": model.MariaDB,
}

// InferDialect guesses a file's dialect from its path, then its content.
// ok is false when neither says anything; the caller then decides.
func InferDialect(p string, src []byte) (d model.Dialect, reason string, ok bool) {
	p = strings.ReplaceAll(p, "\\", "/")
	base := path.Base(p)
	for _, part := range strings.Split(strings.ToLower(base), ".")[1:] {
		if d, ok := pathHints[part]; ok {
			return d, "file name part ." + part, true
		}
	}
	segs := strings.Split(strings.ToLower(path.Dir(p)), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		for _, w := range strings.FieldsFunc(segs[i], func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			if d, ok := pathHints[w]; ok {
				return d, "directory " + segs[i] + "/", true
			}
		}
	}
	pg, my, pgWhy, myWhy := contentHints(src)
	switch {
	case pg > my:
		return model.Postgres, "content (" + pgWhy + ")", true
	case my > pg:
		return model.MySQL, "content (" + myWhy + ")", true
	}
	return model.DialectUnknown, "", false
}

// contentHints counts PostgreSQL-only and MySQL-only features outside
// comments and strings.
func contentHints(src []byte) (pg, my int, pgWhy, myWhy string) {
	note := func(score *int, why *string, what string) {
		if *score == 0 {
			*why = what
		}
		*score++
	}
	toks := lex.Tokenize(src, lex.Postgres)
	lineStart := func(off int) bool {
		for i := off - 1; i >= 0; i-- {
			switch src[i] {
			case '\n':
				return true
			case ' ', '\t', '\r':
			default:
				return false
			}
		}
		return true
	}
	var prev lex.Token
	for i, t := range toks {
		switch t.Kind {
		case lex.DollarString:
			note(&pg, &pgWhy, "dollar quoting")
		case lex.Op:
			switch src[t.Start] {
			case ':':
				if t.End-t.Start == 2 {
					note(&pg, &pgWhy, ":: casts")
				}
			case '`':
				note(&my, &myWhy, "backtick quoting")
			case '#':
				if lineStart(t.Start) {
					note(&my, &myWhy, "# comments")
				}
			}
		case lex.Word:
			w := strings.ToUpper(t.Text(src))
			switch w {
			case "SERIAL", "BIGSERIAL", "SMALLSERIAL", "JSONB", "PLPGSQL", "ILIKE", "TIMESTAMPTZ", "BYTEA", "RETURNING":
				note(&pg, &pgWhy, w)
			case "CONFLICT":
				if lex.Is(src, prev, "ON") {
					note(&pg, &pgWhy, "ON CONFLICT")
				}
			case "EXTENSION":
				if lex.Is(src, prev, "CREATE") {
					note(&pg, &pgWhy, "CREATE EXTENSION")
				}
			case "AUTO_INCREMENT", "UNSIGNED", "TINYINT", "MEDIUMINT", "MEDIUMTEXT", "LONGTEXT", "TINYTEXT", "DATETIME", "LONGBLOB", "MEDIUMBLOB":
				note(&my, &myWhy, w)
			case "ENGINE":
				if i+1 < len(toks) && src[toks[i+1].Start] == '=' {
					note(&my, &myWhy, "ENGINE=")
				}
			case "DELIMITER":
				if lineStart(t.Start) {
					note(&my, &myWhy, "DELIMITER")
				}
			case "DUPLICATE":
				if lex.Is(src, prev, "ON") {
					note(&my, &myWhy, "ON DUPLICATE KEY")
				}
			case "IGNORE":
				if lex.Is(src, prev, "INSERT") {
					note(&my, &myWhy, "INSERT IGNORE")
				}
			}
		}
		if t.Kind != lex.Comment {
			prev = t
		}
	}
	return pg, my, pgWhy, myWhy
}

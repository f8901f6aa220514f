// Package baseline records the findings a project accepts today, so that
// later runs report only new ones, and computes the fingerprints that
// recognise a finding after the lines around it have moved.
package baseline

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// Fingerprints returns one fingerprint per finding, in order. A fingerprint
// hashes the rule ID, the file's path relative to root, the normalized text
// of the statement the finding is about (comments, whitespace and keyword
// case do not count) and how many earlier findings of the file share those
// three. It ignores line numbers, so it survives edits elsewhere in the
// file, and changes when the offending statement itself changes.
func Fingerprints(s *model.Script, findings []rules.Finding, root string) []string {
	path := NormalizePath(s.Path, root)
	seen := map[string]int{}
	out := make([]string, len(findings))
	for i := range findings {
		f := &findings[i]
		key := f.Rule.ID + "\x00" + path + "\x00" + statementText(s, f)
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
		out[i] = hex.EncodeToString(sum[:16])
	}
	return out
}

// NormalizePath is how fingerprints and baselines name a file: relative to
// root with forward slashes when it lies under root, cleaned otherwise.
// root is usually the repository's top directory; empty means the working
// directory.
func NormalizePath(path, root string) string {
	if root == "" {
		root = "."
	}
	absRoot, err1 := filepath.Abs(root)
	abs, err2 := filepath.Abs(path)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(absRoot, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// statementText is what identifies the place of a finding: the offending
// statement's tokens without comments, or the finding's own text (a
// suppression comment) when it concerns no statement.
func statementText(s *model.Script, f *rules.Finding) string {
	mode := lex.Postgres
	if s.Dialect.MySQLFamily() {
		mode = lex.MySQL
	}
	if f.Stmt != nil {
		return normalizeSQL(s.Text(f.Stmt.Span), mode)
	}
	return strings.Join(strings.Fields(s.Text(f.Span)), " ")
}

// normalizeSQL joins the significant tokens with single spaces, folding
// unquoted words to lower case.
func normalizeSQL(text string, mode lex.Mode) string {
	src := []byte(text)
	var b strings.Builder
	for _, t := range lex.Tokenize(src, mode) {
		if t.Kind == lex.Comment {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		w := t.Text(src)
		if t.Kind == lex.Word {
			w = strings.ToLower(w)
		}
		b.WriteString(w)
	}
	return b.String()
}

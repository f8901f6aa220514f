package analyzer

import (
	"go/ast"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// embeddedSQL lists the .sql files the package's //go:embed directives
// name, as absolute paths, sorted. Patterns follow the embed rules: a
// pattern names files or directories relative to the Go file's folder;
// a directory brings in its whole tree except names starting with . or _,
// unless the pattern has the all: prefix.
func embeddedSQL(files []*ast.File, fileName func(*ast.File) string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !strings.EqualFold(filepath.Ext(p), ".sql") || seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
	}
	for _, f := range files {
		dir := filepath.Dir(fileName(f))
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rest, ok := strings.CutPrefix(c.Text, "//go:embed")
				if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				for _, pat := range embedPatterns(rest) {
					all := false
					if p, ok := strings.CutPrefix(pat, "all:"); ok {
						all, pat = true, p
					}
					matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
					if err != nil {
						continue
					}
					for _, m := range matches {
						st, err := os.Stat(m)
						if err != nil {
							continue
						}
						if !st.IsDir() {
							add(m)
							continue
						}
						_ = filepath.WalkDir(m, func(p string, d os.DirEntry, err error) error {
							if err != nil {
								return nil
							}
							name := d.Name()
							if p != m && !all && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
								if d.IsDir() {
									return filepath.SkipDir
								}
								return nil
							}
							if !d.IsDir() {
								add(p)
							}
							return nil
						})
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// embedPatterns splits a //go:embed argument list: space-separated
// patterns, each possibly a Go string literal.
func embedPatterns(s string) []string {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		switch s[0] {
		case '"', '`':
			q, i := s[0], 1
			for i < len(s) && s[i] != q {
				if q == '"' && s[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(s) {
				return out
			}
			if p, err := strconv.Unquote(s[:i+1]); err == nil {
				out = append(out, p)
			}
			s = strings.TrimSpace(s[i+1:])
		default:
			i := strings.IndexAny(s, " \t")
			if i < 0 {
				out = append(out, s)
				return out
			}
			out = append(out, s[:i])
			s = strings.TrimSpace(s[i:])
		}
	}
	return out
}

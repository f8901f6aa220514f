package verify

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Collect expands the command line into migration files in the order
// their framework applies them. Arguments keep the order they were given
// in (a history split over two folders is named in order); the files of
// a directory are sorted by Less. Down files, Flyway undo files and sqitch
// revert/verify scripts are left out: only "up" runs are verified.
func Collect(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			if clean := filepath.Clean(arg); !seen[clean] {
				seen[clean] = true
				out = append(out, arg)
			}
			continue
		}
		var files []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if p != arg && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != arg && sqitchSide(p) {
					return fs.SkipDir
				}
				return nil
			}
			if !strings.EqualFold(filepath.Ext(name), ".sql") || !d.Type().IsRegular() {
				return nil
			}
			if !IsUp(p) {
				return nil
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", arg, err)
		}
		Sort(files)
		for _, f := range files {
			if clean := filepath.Clean(f); !seen[clean] {
				seen[clean] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}

var flywayFile = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?i)([VUR])([0-9][0-9._]*)?__(.+)\.sql$`) })

// IsUp reports whether a file found in a directory walk is applied going
// forward: not a rollback (down.sql, *.down.sql, Flyway U files).
func IsUp(p string) bool {
	base := strings.ToLower(filepath.Base(p))
	if base == "down.sql" || strings.HasSuffix(base, ".down.sql") {
		return false
	}
	if m := flywayFile().FindStringSubmatch(filepath.Base(p)); m != nil && strings.EqualFold(m[1], "U") {
		return false
	}
	return true
}

// sqitchSide reports whether dir is a sqitch project's revert/ or verify/
// folder: named so, beside a deploy/ folder.
func sqitchSide(dir string) bool {
	name := strings.ToLower(filepath.Base(dir))
	if name != "revert" && name != "verify" {
		return false
	}
	fi, err := os.Stat(filepath.Join(filepath.Dir(dir), "deploy"))
	return err == nil && fi.IsDir()
}

// Sort orders migration files the way their frameworks apply them; see
// Less.
func Sort(files []string) {
	// Each file's key is worked out once, not once per comparison: a
	// regular expression matches it.
	type keyed struct {
		path string
		key  sortKey
	}
	ks := make([]keyed, len(files))
	for i, f := range files {
		ks[i] = keyed{f, keyOf(f)}
	}
	sort.SliceStable(ks, func(i, j int) bool { return less(ks[i].path, ks[i].key, ks[j].path, ks[j].key) })
	for i := range ks {
		files[i] = ks[i].path
	}
}

// Less orders two migrations. Flyway versioned files (V1_2__x) come by
// version, compared part by part as numbers (V1_2 < V1_10, V1 = V1.0),
// and repeatable ones (R__x) after every versioned file, by description.
// Other files come by their version key in natural order (digit runs
// compare as numbers): the folder name for folder-per-migration layouts
// (diesel <ts>_name/up.sql, prisma <ts>_name/migration.sql), the file
// name otherwise. Ties fall back on the path.
func Less(a, b string) bool { return less(a, keyOf(a), b, keyOf(b)) }

// less is Less on keys already worked out.
func less(a string, ka sortKey, b string, kb sortKey) bool {
	if ka.class != kb.class {
		return ka.class < kb.class
	}
	if ka.class == classFlyway {
		if c := compareVersions(ka.version, kb.version); c != 0 {
			return c < 0
		}
	}
	if c := naturalCompare(ka.name, kb.name); c != 0 {
		return c < 0
	}
	return naturalCompare(filepath.ToSlash(a), filepath.ToSlash(b)) < 0
}

const (
	classFlyway = iota
	classPlain
	classRepeatable
)

type sortKey struct {
	class   int
	version []string
	name    string
}

// folderFiles are the file names of folder-per-migration layouts, whose
// folder carries the version.
var folderFiles = map[string]bool{"up.sql": true, "migration.sql": true, "down.sql": true}

func keyOf(p string) sortKey {
	base := filepath.Base(p)
	if m := flywayFile().FindStringSubmatch(base); m != nil {
		switch strings.ToUpper(m[1]) {
		case "R":
			return sortKey{class: classRepeatable, name: m[3]}
		default:
			if m[2] != "" {
				return sortKey{class: classFlyway, version: strings.FieldsFunc(m[2], func(r rune) bool { return r == '.' || r == '_' }), name: m[3]}
			}
		}
	}
	if folderFiles[strings.ToLower(base)] {
		return sortKey{class: classPlain, name: filepath.Base(filepath.Dir(p))}
	}
	return sortKey{class: classPlain, name: base}
}

// compareVersions compares Flyway versions part by part as numbers; a
// missing part counts as 0, so 1 and 1.0 are the same version.
func compareVersions(a, b []string) int {
	for i := 0; i < max(len(a), len(b)); i++ {
		x, y := "0", "0"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := compareNumbers(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// compareNumbers compares two digit strings by value, without limits on
// their length.
func compareNumbers(x, y string) int {
	x = strings.TrimLeft(x, "0")
	y = strings.TrimLeft(y, "0")
	if len(x) != len(y) {
		if len(x) < len(y) {
			return -1
		}
		return 1
	}
	return strings.Compare(x, y)
}

// naturalCompare compares strings with runs of digits compared as
// numbers: 2_x < 10_x. Equal numbers with different zero padding fall
// back on the plain comparison so that the order stays total.
func naturalCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ca, cb := a[i], b[j]
		if isDigit(ca) && isDigit(cb) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			if c := compareNumbers(a[si:i], b[sj:j]); c != 0 {
				return c
			}
			continue
		}
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	switch {
	case len(a)-i < len(b)-j:
		return -1
	case len(a)-i > len(b)-j:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

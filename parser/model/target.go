package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Target is the server a project's migrations run on: its dialect and
// version. Guarded forms, fixes, help texts and verify depend on it
// (CREATE OR REPLACE TRIGGER exists from PostgreSQL 14, CREATE TRIGGER IF
// NOT EXISTS from MySQL 8.0.29, ADD COLUMN IF NOT EXISTS only on MariaDB).
//
// A version without a patch level (mysql:8.0) means the series' latest
// release: the only one upstream still supports.
type Target struct {
	Dialect             Dialect
	Major, Minor, Patch int
	// exact is set when the patch level was given.
	exact bool
}

// release is a supported target version, oldest first per dialect.
type release struct {
	major, minor int
	// eol is the month upstream support ends (YYYY-MM), for the docs.
	eol string
}

// Releases lists the versions --target accepts, per dialect, oldest
// first. End-of-life dates come from the projects' support pages
// (postgresql.org/support/versioning, MySQL's lifecycle policy,
// mariadb.org/about/#maintenance-policy).
var releases = map[Dialect][]release{
	Postgres: {{12, 0, "2024-11"}, {13, 0, "2025-11"}, {14, 0, "2026-11"}, {15, 0, "2027-11"}, {16, 0, "2028-11"}, {17, 0, "2029-11"}, {18, 0, "2030-11"}},
	MySQL:    {{5, 7, "2023-10"}, {8, 0, "2026-04"}, {8, 4, "2032-04"}},
	MariaDB:  {{10, 6, "2026-07"}, {10, 11, "2028-02"}, {11, 4, "2029-05"}, {11, 8, "2030-06"}},
}

// defaultTargets are the oldest versions upstream still supported when
// this table was last reviewed (December 2026): PostgreSQL 15, MySQL 8.4
// and MariaDB 10.11. Files for older servers say so with --target.
var defaultTargets = map[Dialect]Target{
	Postgres: {Dialect: Postgres, Major: 15},
	MySQL:    {Dialect: MySQL, Major: 8, Minor: 4},
	MariaDB:  {Dialect: MariaDB, Major: 10, Minor: 11},
}

// DefaultTarget is the target assumed for a dialect when none is given.
func DefaultTarget(d Dialect) Target { return defaultTargets[d] }

// ParseTarget reads "postgres:15", "mysql:8.0", "mysql:8.0.29" or
// "mariadb:10.11". A bare dialect name means its default version.
func ParseTarget(s string) (Target, error) {
	name, ver, hasVer := strings.Cut(strings.TrimSpace(s), ":")
	d, err := ParseDialect(name)
	if err != nil {
		return Target{}, fmt.Errorf("unknown target %q: %s", s, TargetChoices())
	}
	if !hasVer {
		return DefaultTarget(d), nil
	}
	parts := strings.Split(ver, ".")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || len(parts) > 3 || len(p) > 4 {
			return Target{}, fmt.Errorf("unknown target %q: %s", s, TargetChoices())
		}
		nums[i] = n
	}
	t := Target{Dialect: d, Major: nums[0]}
	if len(nums) > 1 {
		t.Minor = nums[1]
	}
	if len(nums) > 2 {
		t.Patch, t.exact = nums[2], true
	}
	for _, r := range releases[d] {
		// PostgreSQL's minor number is a patch level: postgres:15.4 is 15.
		if r.major == t.Major && (d == Postgres || r.minor == t.Minor) {
			if d == Postgres && len(nums) > 1 {
				t.Patch, t.Minor, t.exact = t.Minor, 0, true
			}
			return t, nil
		}
	}
	return Target{}, fmt.Errorf("unsupported target %q: %s", s, TargetChoices())
}

// TargetChoices names the accepted targets, for error messages and help.
func TargetChoices() string {
	var parts []string
	for _, d := range Dialects {
		rs := releases[d]
		parts = append(parts, fmt.Sprintf("%s:%s ... %s:%s", d, relName(d, rs[0]), d, relName(d, rs[len(rs)-1])))
	}
	return "want " + strings.Join(parts, ", ")
}

func relName(d Dialect, r release) string {
	if d == Postgres {
		return strconv.Itoa(r.major)
	}
	return fmt.Sprintf("%d.%d", r.major, r.minor)
}

// TargetVersions lists every accepted target with its end of upstream
// support, for the documentation.
func TargetVersions(d Dialect) []struct{ Name, EOL string } {
	var out []struct{ Name, EOL string }
	for _, r := range releases[d] {
		out = append(out, struct{ Name, EOL string }{fmt.Sprintf("%s:%s", d, relName(d, r)), r.eol})
	}
	return out
}

// PatchLevel is the patch level and whether it was given.
func (t Target) PatchLevel() (int, bool) { return t.Patch, t.exact }

// IsZero reports whether no target is set.
func (t Target) IsZero() bool { return t.Dialect == DialectUnknown }

func (t Target) String() string {
	if t.IsZero() {
		return "unknown"
	}
	switch {
	case t.Dialect == Postgres && t.exact:
		return fmt.Sprintf("postgres:%d.%d", t.Major, t.Patch)
	case t.Dialect == Postgres:
		return fmt.Sprintf("postgres:%d", t.Major)
	case t.exact:
		return fmt.Sprintf("%s:%d.%d.%d", t.Dialect, t.Major, t.Minor, t.Patch)
	}
	return fmt.Sprintf("%s:%d.%d", t.Dialect, t.Major, t.Minor)
}

// Version is the version alone ("15", "8.0", "8.0.29"), for messages.
func (t Target) Version() string {
	s := t.String()
	_, v, _ := strings.Cut(s, ":")
	return v
}

// Label names the server and version for messages: "MySQL 8.0".
func (t Target) Label() string {
	name := map[Dialect]string{Postgres: "PostgreSQL", MySQL: "MySQL", MariaDB: "MariaDB"}[t.Dialect]
	return name + " " + t.Version()
}

// AtLeast reports whether the target has every feature of version
// major.minor.patch. A series without a patch level is its latest
// release, so it has every patch-level feature of the series.
func (t Target) AtLeast(major, minor, patch int) bool {
	if t.Major != major {
		return t.Major > major
	}
	if t.Minor != minor {
		return t.Minor > minor
	}
	return !t.exact || t.Patch >= patch
}

// Feature is syntax some target versions lack.
type Feature uint8

const (
	// CreateOrReplaceTrigger: CREATE OR REPLACE TRIGGER (PostgreSQL 14).
	CreateOrReplaceTrigger Feature = iota + 1
	// NullsNotDistinct: UNIQUE NULLS NOT DISTINCT (PostgreSQL 15).
	NullsNotDistinct
	// Merge: the MERGE statement (PostgreSQL 15).
	Merge
	// RoutineIfNotExists: CREATE TRIGGER / FUNCTION / PROCEDURE IF NOT
	// EXISTS (MySQL 8.0.29; MariaDB has it in every supported version).
	RoutineIfNotExists
	// DDLIfExists: IF [NOT] EXISTS on ADD/DROP COLUMN, INDEX, FOREIGN KEY,
	// PARTITION and CREATE/DROP INDEX (MariaDB only).
	DDLIfExists
	// RenameColumn: ALTER TABLE ... RENAME COLUMN (MySQL 8.0).
	RenameColumn
	// CheckConstraints: CHECK constraints that are enforced and can be
	// dropped by name (MySQL 8.0.16).
	CheckConstraints
	// DropConstraint: ALTER TABLE ... DROP CONSTRAINT (MySQL 8.0.19).
	DropConstraint
)

// Has reports whether the target accepts the feature. Each row was
// checked against the servers' release notes; the PostgreSQL and MariaDB
// rows on the servers CI installs as well.
func (t Target) Has(f Feature) bool {
	switch t.Dialect {
	case Postgres:
		switch f {
		case CreateOrReplaceTrigger:
			return t.AtLeast(14, 0, 0)
		case NullsNotDistinct, Merge:
			return t.AtLeast(15, 0, 0)
		}
	case MySQL:
		switch f {
		case RoutineIfNotExists:
			return t.AtLeast(8, 0, 29)
		case RenameColumn:
			return t.AtLeast(8, 0, 0)
		case CheckConstraints:
			return t.AtLeast(8, 0, 16)
		case DropConstraint:
			return t.AtLeast(8, 0, 19)
		}
	case MariaDB:
		switch f {
		case RoutineIfNotExists, DDLIfExists, RenameColumn, CheckConstraints, DropConstraint:
			return true
		}
	}
	return false
}

// Needs names the oldest version of the target's server that has the
// feature, for messages ("PostgreSQL 14+"); empty when no version does.
func (t Target) Needs(f Feature) string {
	switch t.Dialect {
	case Postgres:
		switch f {
		case CreateOrReplaceTrigger:
			return "PostgreSQL 14+"
		case NullsNotDistinct, Merge:
			return "PostgreSQL 15+"
		}
	case MySQL:
		switch f {
		case RoutineIfNotExists:
			return "MySQL 8.0.29+"
		case RenameColumn:
			return "MySQL 8.0+"
		case CheckConstraints:
			return "MySQL 8.0.16+"
		case DropConstraint:
			return "MySQL 8.0.19+"
		case DDLIfExists:
			return "MariaDB"
		}
	}
	return ""
}

package verify

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/parser/model"
)

// TargetMismatch says how the server differs from the version the
// project targets, or "" when its version is the target's. Verdicts on
// another version can differ where the syntax does (CREATE OR REPLACE
// TRIGGER before PostgreSQL 14, CREATE TRIGGER IF NOT EXISTS before
// MySQL 8.0.29), so the run goes on with a warning. A server of another
// dialect is DialectMismatch's to report.
func TargetMismatch(t model.Target, srv Server) string {
	desc := srv.Describe()
	name, ver, _ := strings.Cut(desc, " ")
	want := map[model.Dialect]string{model.Postgres: "PostgreSQL", model.MySQL: "MySQL", model.MariaDB: "MariaDB"}[t.Dialect]
	if t.IsZero() || name != want {
		return ""
	}
	parts := strings.Split(ver, ".")
	major, err := strconv.Atoi(parts[0])
	if err != nil {
		return ""
	}
	minor := -1
	if len(parts) > 1 {
		minor, _ = strconv.Atoi(parts[1])
	}
	same := major == t.Major && (t.Dialect == model.Postgres || minor == t.Minor)
	if same {
		return ""
	}
	return fmt.Sprintf("the target is %s but the server is %s: what one version accepts and the other refuses can change a verdict (pass --target to match the server, or install %s)", t.Label(), desc, t.Label())
}

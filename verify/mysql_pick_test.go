package verify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/parser/model"
)

// fakeServer writes an executable script that prints what a server's
// --version prints.
func fakeServer(t *testing.T, dir, name, version string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	script := "#!/bin/sh\necho '" + p + "  Ver " + version + "'\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPickMySQLServer: a mysqld that is really MariaDB (as Debian
// installs it) is not taken for MySQL: --dialect mysql finds a real MySQL
// wherever it is on PATH or in the usual folders, and falls back to
// MariaDB only when it is all there is; --dialect mariadb prefers
// MariaDB the same way.
func TestPickMySQLServer(t *testing.T) {
	root := t.TempDir()
	maria := filepath.Join(root, "maria")
	mysql := filepath.Join(root, "mysql")
	opt := filepath.Join(root, "opt")
	mariaBin := fakeServer(t, maria, "mysqld", "10.11.6-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)")
	mariadbd := fakeServer(t, maria, "mariadbd", "10.11.6-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)")
	mysqlBin := fakeServer(t, mysql, "mysqld", "8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)")
	optBin := fakeServer(t, filepath.Join(opt, "mysql-8.4", "bin"), "mysqld", "8.4.0 for Linux on x86_64 (MySQL Community Server - GPL)")
	ctx := context.Background()
	for _, c := range []struct {
		name      string
		d         model.Dialect
		path      []string
		dirs      []string
		want      string
		wantMaria bool
	}{
		{"mysql behind a MariaDB mysqld on PATH", model.MySQL, []string{maria, mysql}, nil, mysqlBin, false},
		{"mysql in a usual folder", model.MySQL, []string{maria}, []string{filepath.Join(opt, "mysql*", "bin")}, optBin, false},
		{"only MariaDB for mysql", model.MySQL, []string{maria}, nil, mariaBin, true},
		{"mariadb before MySQL", model.MariaDB, []string{mysql, maria}, nil, mariadbd, true},
		{"only MySQL for mariadb", model.MariaDB, []string{mysql}, nil, mysqlBin, false},
	} {
		got, isMaria, err := pickMySQLServer(ctx, c.d, c.path, c.dirs)
		if err != nil || got != c.want || isMaria != c.wantMaria {
			t.Errorf("%s: %s (mariadb %v, %v), want %s (mariadb %v)", c.name, got, isMaria, err, c.want, c.wantMaria)
		}
	}
	if _, _, err := pickMySQLServer(ctx, model.MySQL, []string{filepath.Join(root, "empty")}, nil); err == nil {
		t.Error("no server: want an error")
	}
}

// TestDialectMismatch: verifying MySQL migrations on MariaDB says so,
// naming what goes unchecked; the matching dialect says nothing.
func TestDialectMismatch(t *testing.T) {
	maria := &myServer{version: "10.11.6-MariaDB-0+deb12u1", mariadb: true}
	my := &myServer{version: "8.0.36"}
	if m := DialectMismatch(model.MySQL, maria); !strings.Contains(m, "--dialect mysql, but the server is MariaDB 10.11.6") ||
		!strings.Contains(m, "ADD COLUMN IF NOT EXISTS") || !strings.Contains(m, "goes unchecked") {
		t.Errorf("mysql on MariaDB: %q", m)
	}
	if m := DialectMismatch(model.MariaDB, my); !strings.Contains(m, "--dialect mariadb, but the server is MySQL 8.0.36") {
		t.Errorf("mariadb on MySQL: %q", m)
	}
	for _, c := range []struct {
		d   model.Dialect
		srv Server
	}{{model.MySQL, my}, {model.MariaDB, maria}, {model.Postgres, maria}} {
		if m := DialectMismatch(c.d, c.srv); m != "" {
			t.Errorf("%s on %s: %q, want nothing", c.d, c.srv.Describe(), m)
		}
	}
}

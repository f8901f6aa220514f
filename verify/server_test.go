package verify

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/idemlint/idemlint/parser/model"
)

// The integration tests share one server per dialect per test binary,
// started on first use and stopped by TestMain.
var servers struct {
	sync.Mutex
	started map[string]Server
	errs    map[string]error
}

// requireServers makes a missing server a failure instead of a skip: CI
// sets it so that a broken install cannot pass as "skipped".
const requireServers = "IDEMLINT_VERIFY_REQUIRE_SERVERS"

func TestMain(m *testing.M) {
	code := m.Run()
	servers.Lock()
	for _, s := range servers.started {
		s.Close()
	}
	servers.Unlock()
	os.Exit(code)
}

// server returns the shared server for a dialect, or skips the test with
// what to install.
func server(t *testing.T, d model.Dialect) Server {
	t.Helper()
	servers.Lock()
	defer servers.Unlock()
	if servers.started == nil {
		servers.started, servers.errs = map[string]Server{}, map[string]error{}
	}
	key := "postgres"
	if d.MySQLFamily() {
		key = "mysql"
	}
	if s, ok := servers.started[key]; ok {
		return s
	}
	err, tried := servers.errs[key]
	if !tried {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		var s Server
		if key == "postgres" {
			s, err = StartPostgres(ctx, LocalOptions{})
		} else {
			s, err = StartMySQL(ctx, model.MariaDB, LocalOptions{})
		}
		servers.errs[key] = err
		if err == nil {
			servers.started[key] = s
			return s
		}
	}
	var none *ErrNoServer
	if errors.As(err, &none) && os.Getenv(requireServers) == "" {
		t.Skipf("skipping: %v (set %s=1 to make this a failure)", err, requireServers)
	}
	t.Fatalf("start the %s server: %v", key, err)
	return nil
}

// execAdmin runs statements as the administrator in a database of the shared server, for tests
// that prepare or inspect state.
func execAdmin(t *testing.T, srv Server, db string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	sess, err := srv.Open(ctx, db, Admin, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	for _, q := range stmts {
		if err := sess.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func snapshotOf(t *testing.T, srv Server, db string) *Snapshot {
	t.Helper()
	ctx := context.Background()
	sess, err := srv.Open(ctx, db, Admin, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	s, err := sess.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// uniqueDB names a database for one test.
func uniqueDB(what string) string {
	return fmt.Sprintf("idemlint_test_%s_%d", what, time.Now().UnixNano()%1e9)
}

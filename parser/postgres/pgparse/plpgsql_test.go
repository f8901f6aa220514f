package pgparse

import (
	"encoding/json"
	"reflect"
	"regexp"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v5"
)

// TestDecodePlPgSQL compares DecodePlPgSQL with encoding/json on the
// PL/pgSQL tree of every DO block and routine body in the fixtures.
func TestDecodePlPgSQL(t *testing.T) {
	body := regexp.MustCompile(`(?is)^\s*(DO\b|CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\b.*\bplpgsql\b)`)
	n := 0
	for _, sql := range sqlTexts(t) {
		if !body.MatchString(sql) {
			continue
		}
		js, err := pg.ParsePlPgSqlToJSON(sql)
		if err != nil {
			continue
		}
		var want []map[string]any
		wantErr := json.Unmarshal([]byte(js), &want)
		got, err := DecodePlPgSQL(js)
		if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\ngot  %v (%v)\nwant %v (%v)", sql, got, err, want, wantErr)
		}
		n++
	}
	if n < 20 {
		t.Fatalf("only %d bodies compared", n)
	}
	for _, js := range []string{`[]`, `[{"a":[1,-2.5e3,true,false,null,"x\"\u00e9\n",{}]}]`, `[1]`, `{"a":1}`, `[{"a":1}`, `[{"a":"\xff"}]`, ``} {
		var want []map[string]any
		wantErr := json.Unmarshal([]byte(js), &want)
		got, err := DecodePlPgSQL(js)
		if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v (%v), want %v (%v)", js, got, err, want, wantErr)
		}
	}
}

package pgparse

import "encoding/json"

// DecodePlPgSQL reads the JSON libpg_query writes for a PL/pgSQL function
// (pg_query_go's ParsePlPgSqlToJSON) into the values encoding/json would
// give for []map[string]any: objects, []any, strings, float64 numbers,
// booleans and nil. A document the decoder does not take (a string that
// is not UTF-8, which encoding/json would mend) goes to encoding/json,
// whose error is returned.
func DecodePlPgSQL(js string) ([]map[string]any, error) {
	d := &decoder{s: js}
	if v, ok := d.value().([]any); ok {
		d.ws()
		if !d.err && d.i == len(d.s) {
			funcs := make([]map[string]any, 0, len(v))
			for _, f := range v {
				m, ok := f.(map[string]any)
				if !ok {
					break
				}
				funcs = append(funcs, m)
			}
			if len(funcs) == len(v) {
				return funcs, nil
			}
		}
	}
	var funcs []map[string]any
	err := json.Unmarshal([]byte(js), &funcs)
	return funcs, err
}

// value reads any JSON value into the types encoding/json uses for any.
func (d *decoder) value() any {
	if !d.enter() {
		return nil
	}
	d.ws()
	if d.i >= len(d.s) {
		d.fail()
		return nil
	}
	var v any
	switch d.s[d.i] {
	case '{':
		m := map[string]any{}
		for d.object(); d.more('}'); {
			k := d.key()
			m[k] = d.value()
		}
		v = m
	case '[':
		l := []any{}
		for d.array(); d.more(']'); {
			l = append(l, d.value())
		}
		v = l
	case '"':
		v = d.str()
	case 't', 'f':
		v = d.bool()
	case 'n':
		if !d.null() {
			d.fail()
		}
	default:
		v = d.float()
	}
	d.leave()
	return v
}

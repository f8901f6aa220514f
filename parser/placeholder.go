package parser

import "bytes"

// maskPlaceholders hides a leading byte order mark and the template
// placeholders that frameworks substitute
// before the server sees the file: Go templates ({{ .Namespace }}, used by
// gobuffalo pop) and Flyway/Liquibase ${name}. Each becomes an identifier
// of the same byte length, so every offset still points into the original
// text. It returns nil when there is nothing to mask.
func maskPlaceholders(src []byte) []byte {
	bom := bytes.HasPrefix(src, []byte("\xEF\xBB\xBF"))
	if !bom && !bytes.Contains(src, []byte("{{")) && !bytes.Contains(src, []byte("${")) {
		return nil
	}
	out := append([]byte(nil), src...)
	masked := false
	if bom {
		// A byte order mark is not SQL: the parsers see blanks.
		copy(out, "   ")
		masked = true
	}
	for i := 0; i+1 < len(out); i++ {
		var end int
		switch {
		case out[i] == '{' && out[i+1] == '{':
			end = closing(out, i+2, "}}")
		case out[i] == '$' && out[i+1] == '{':
			end = closing(out, i+2, "}")
		default:
			continue
		}
		if end < 0 {
			continue
		}
		out[i] = 'x'
		for j := i + 1; j < end; j++ {
			out[j] = '_'
		}
		masked = true
		i = end - 1
	}
	if !masked {
		return nil
	}
	return out
}

// closing returns the offset just past the closing delimiter on the same
// line, or -1; placeholders longer than a line are not placeholders.
func closing(b []byte, from int, delim string) int {
	const maxLen = 200
	for j := from; j < len(b) && j < from+maxLen; j++ {
		if b[j] == '\n' {
			return -1
		}
		if bytes.HasPrefix(b[j:], []byte(delim)) {
			return j + len(delim)
		}
	}
	return -1
}

package parser

import (
	"strings"

	"github.com/idemlint/idemlint/parser/lex"
	"github.com/idemlint/idemlint/parser/model"
)

// handlerCatches reports whether handler p swallows the error a second
// run of e raises (model.RerunError). When it catches another error, e
// records the handler and the error it would need, for the message.
func handlerCatches(s *model.Script, p *model.Predicate, e *model.Effect) bool {
	cond, raise := model.RerunError(s.Dialect, e.Action, e.Object.Kind, constraintType(s, e), e.Unnamed)
	switch raise {
	case model.RaisesNothing:
		return false
	case model.RaisesUnknown:
		// An error the linter does not know: the handler is given the
		// benefit of the doubt, as an unreadable condition is.
		return len(p.Catches) > 0
	}
	if model.CatchesAny(p.Catches, s.Dialect, cond) {
		return true
	}
	if e.Mismatch == nil {
		e.Mismatch, e.Raises = p, cond
	}
	return false
}

// constraintType tells what kind of constraint a constraint effect adds
// or drops, from the words of its clause: the error a duplicate raises
// depends on it.
func constraintType(s *model.Script, e *model.Effect) model.ConstraintType {
	if e.Object.Kind != model.KindConstraint && e.Object.Kind != model.KindIndex {
		return model.ConstraintOther
	}
	if s.Dialect.MySQLFamily() && strings.EqualFold(e.Object.Name, "PRIMARY") {
		return model.ConstraintPrimary
	}
	mode := lex.Postgres
	if s.Dialect.MySQLFamily() {
		mode = lex.MySQL
	}
	src := []byte(s.Text(e.Span))
	for _, t := range lex.SignificantTokens(src, mode) {
		if t.Kind != lex.Word {
			continue
		}
		switch strings.ToUpper(t.Text(src)) {
		case "PRIMARY":
			return model.ConstraintPrimary
		case "UNIQUE", "EXCLUDE":
			return model.ConstraintUnique
		case "FOREIGN", "REFERENCES":
			return model.ConstraintForeign
		case "CHECK":
			return model.ConstraintOther
		}
	}
	return model.ConstraintOther
}

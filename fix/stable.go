package fix

import (
	"github.com/idemlint/idemlint/parser/model"
	"github.com/idemlint/idemlint/rules"
)

// MaxPasses bounds Stable: a fix that keeps drawing a fixable finding
// (a bug) costs a few passes, never a hang.
const MaxPasses = 4

// Relint parses and lints a file's text as the first pass did.
type Relint func(src []byte) (*model.Script, []rules.Finding)

// Stable fixes a file, then lints the fixed text and fixes it again,
// until no fix applies. Two fixes of one statement can collide in one
// pass (a keyword insertion inside a statement that another finding
// rewrites whole); the second lands on the text the first produced. The
// result's edits are against the original source; Applied counts every
// fix that went in, Skipped are the fixable findings of the last pass
// that could not. A pass whose text the linter would refuse to fix (a
// syntax error, text it did not read) ends the loop with what the
// passes before it wrote. script and findings are the last lint, of the
// result's Source.
func Stable(s *model.Script, findings []rules.Finding, relint Relint) (res Result, script *model.Script, last []rules.Finding, refused string) {
	res, refused = File(s, findings)
	script, last = s, findings
	if refused != "" || !res.Changed() {
		return res, script, last, refused
	}
	for pass := 2; ; pass++ {
		script, last = relint(res.Source)
		if pass > MaxPasses || Refusal(script, last) != "" {
			// A pass whose text would be refused is not taken; the caller
			// sees the refusal in last (it checks the fixed text parses).
			break
		}
		next, _ := File(script, last)
		if !next.Changed() {
			res.Skipped = next.Skipped
			break
		}
		res.Edits = Compose(s.Source, res.Edits, next.Edits, next.Source)
		res.Source = next.Source
		res.Applied = append(res.Applied, next.Applied...)
		res.Skipped = next.Skipped
	}
	return res, script, last, ""
}

package rules

import (
	"embed"
	"sort"
)

// docFiles holds each rule's prose, doc/<id>.md: Markdown reads and edits
// better as a file than as Go strings spliced around backticks.
//
//go:embed doc/*.md
var docFiles embed.FS

// registry is every rule, sorted by ID, with its Doc read from its file.
// It is the only list of rules: the command, the docs, SARIF and the tests
// all read it.
var registry = withDocs(sortedRules(
	AddColumnWithoutGuard,
	AddConstraintWithoutGuard,
	AddEnumValueWithoutGuard,
	BareInsert,
	BareLedgerInsert,
	BlockedByDependent,
	ConcurrentlyInTransaction,
	ConstraintWithoutNotValid,
	CreateWithoutGuard,
	DestructiveDrop,
	DestructiveTruncate,
	DropIndexWithoutConcurrently,
	DropWithoutIfExists,
	EditedAppliedMigration,
	FirstRunError,
	IndexWithoutConcurrently,
	InternalError,
	InvalidInput,
	InvalidSuppression,
	MissingLockTimeout,
	MySQLCopyAlgorithm,
	MySQLDDLInTransaction,
	MySQLMixedDDL,
	MySQLUnsupportedIfExists,
	NonConvergentUpdate,
	RenameWithoutGuard,
	ReplaceWithoutOrReplace,
	RerunDiverges,
	RerunError,
	SetNotNullWithoutCheck,
	SyntaxError,
	TableRewrite,
	TypeChangeUsingExpression,
	UnboundedDelete,
	UnboundedUpdate,
	UniqueWithoutIndex,
	UnusedSuppression,
	UsesDroppedLater,
))

func sortedRules(rs ...*Rule) []*Rule {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// withDocs fills each rule's Doc from doc/<id>.md, and its help address.
// A missing file leaves Doc empty, which TestDocFiles reports.
func withDocs(rs []*Rule) []*Rule {
	for _, r := range rs {
		r.helpURI = helpURI(r.ID)
		if b, err := docFiles.ReadFile("doc/" + r.ID + ".md"); err == nil {
			r.Doc = string(b)
		}
	}
	return rs
}

// All returns every rule, sorted by ID.
func All() []*Rule { return append([]*Rule(nil), registry...) }

// Lookup finds a rule by ID.
func Lookup(id string) *Rule {
	i := sort.Search(len(registry), func(i int) bool { return registry[i].ID >= id })
	if i < len(registry) && registry[i].ID == id {
		return registry[i]
	}
	return nil
}

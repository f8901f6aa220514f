package rules

import "sort"

// registry is every rule, sorted by ID. It is the only list of rules:
// the command, the docs, SARIF and the tests all read it.
var registry = sortedRules(
	AddColumnWithoutGuard,
	AddConstraintWithoutGuard,
	AddEnumValueWithoutGuard,
	BareInsert,
	BareLedgerInsert,
	ConcurrentlyInTransaction,
	CreateWithoutGuard,
	DestructiveDrop,
	DestructiveTruncate,
	DropWithoutIfExists,
	EditedAppliedMigration,
	FirstRunError,
	InternalError,
	InvalidInput,
	InvalidSuppression,
	MySQLDDLInTransaction,
	MySQLMixedDDL,
	MySQLUnsupportedIfExists,
	NonConvergentUpdate,
	RenameWithoutGuard,
	ReplaceWithoutOrReplace,
	RerunDiverges,
	RerunError,
	SyntaxError,
	TypeChangeUsingExpression,
	UnboundedDelete,
	UnboundedUpdate,
	UnusedSuppression,
)

func sortedRules(rs ...*Rule) []*Rule {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
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

// The fixtures are loaded in GOPATH mode, which ignores this file; it only
// keeps the analyzer's go.mod lookup from reaching the repository's own.
module fixtures

go 1.25

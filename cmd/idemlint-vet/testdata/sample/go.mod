module example.com/sample

go 1.25

require (
	github.com/lib/pq v1.0.0
	github.com/pressly/goose/v3 v3.0.0
)

// Small local stand-ins with the real package paths, so that the test runs
// without a network.
replace (
	github.com/lib/pq => ./stubs/pq
	github.com/pressly/goose/v3 => ./stubs/goose
)

// Package schema keeps SQL in constants for another package.
package schema

// CreateF is used by package fixes.
const CreateF = "CREATE TABLE f (id int)"

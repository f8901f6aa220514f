// Package sqlite3 is a stub of the go-sqlite3 driver for the analyzer's
// tests.
package sqlite3

func init() {}

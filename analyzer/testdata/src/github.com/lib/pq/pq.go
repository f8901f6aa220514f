// Package pq is a stub of the lib/pq driver for the analyzer's tests.
package pq

func init() {}

// Package pq stands in for the lib/pq driver.
package pq

func init() {}

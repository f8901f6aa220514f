// Package mysql is a stub of the go-sql-driver/mysql driver for the
// analyzer's tests.
package mysql

func init() {}

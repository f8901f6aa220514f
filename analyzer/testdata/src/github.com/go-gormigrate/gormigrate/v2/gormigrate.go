// Package gormigrate is a stub of gormigrate for the analyzer's tests.
package gormigrate

import "gorm.io/gorm"

type MigrateFunc func(*gorm.DB) error
type RollbackFunc func(*gorm.DB) error

type Migration struct {
	ID       string
	Migrate  MigrateFunc
	Rollback RollbackFunc
}

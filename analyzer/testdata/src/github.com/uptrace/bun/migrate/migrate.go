// Package migrate is a stub of bun's migrate for the analyzer's tests.
package migrate

import (
	"context"

	"github.com/uptrace/bun"
)

type MigrationFunc func(ctx context.Context, db *bun.DB) error

type Migrations struct{}

func NewMigrations() *Migrations { return &Migrations{} }

func (m *Migrations) MustRegister(up, down MigrationFunc) {}

func (m *Migrations) Register(up, down MigrationFunc) error { return nil }

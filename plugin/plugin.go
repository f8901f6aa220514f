// Package plugin registers idemlint as a golangci-lint module plugin.
//
// A custom golangci-lint binary built with `golangci-lint custom` from a
// .custom-gcl.yml that names this module imports the package; its init
// registers the linter under the name "idemlint", and the settings of
// linters.settings.custom.idemlint.settings in .golangci.yml reach New.
// docs/go-analyzer.md shows both files.
package plugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/parser/model"
)

func init() {
	register.Plugin("idemlint", New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Dialect is postgres, mysql or mariadb; empty means work it out from
	// the drivers, .idemlint.yaml or the SQL.
	Dialect string `json:"dialect"`
	// Config is the path of an .idemlint.yaml; empty means look for one
	// from each package's folder upwards.
	Config string `json:"config"`
	// Embed lints the .sql files packages embed (default true).
	Embed *bool `json:"embed"`
}

type plugin struct {
	opts analyzer.Options
}

// New builds the plugin from its settings; golangci-lint calls it once.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("idemlint: %w", err)
	}
	if s.Dialect != "" {
		if _, err := model.ParseDialect(s.Dialect); err != nil {
			return nil, fmt.Errorf("idemlint: dialect: %w", err)
		}
	}
	o := analyzer.Options{Dialect: s.Dialect, Config: s.Config}
	if s.Embed != nil && !*s.Embed {
		o.NoEmbed = true
	}
	return &plugin{opts: o}, nil
}

// BuildAnalyzers returns the idemlint analyzer with the plugin's settings.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{analyzer.New(p.opts)}, nil
}

// GetLoadMode asks for type information: the analyzer identifies calls
// by their receiver types and reads constant values.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

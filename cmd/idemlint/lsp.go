package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/idemlint/idemlint/lsp"
)

const lspUsage = `Usage: idemlint lsp [flags]

Speaks the Language Server Protocol on standard input and output, for
editors: diagnostics on open, change (after a 200 ms pause) and save, the
fixes --fix makes and a suppression comment as code actions, and the
rule's page on hover. Each file is linted as idemlint FILE would lint it,
with the .idemlint.yaml found in its folder or above. docs/editors.md
shows the setup for VS Code, Neovim and Helix.

Flags:
`

// cmdLSP runs the language server until the client says exit.
func cmdLSP(args []string, e env) int {
	fs := pflag.NewFlagSet("idemlint lsp", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.Usage = func() {}
	var o lsp.Options
	var ext extOptions
	maxSize := byteSize(defaultMaxSize)
	fs.StringVar(&ext.configPath, "config", "", "read settings from `FILE` for every document (default: .idemlint.yaml or .idemlint.yml in each file's folder or above)")
	fs.BoolVar(&ext.noConfig, "no-config", false, "read no configuration file")
	fs.Var(&maxSize, "max-file-size", "report documents larger than `SIZE` with an invalid-input finding instead of linting them")
	fs.DurationVar(&o.Debounce, "debounce", lsp.DefaultDebounce, "pause after a change before the text is linted again")
	fs.BoolP("stdio", "", false, "use standard input and output (the default and only transport; editors often pass it)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(e.stdout, lspUsage+fs.FlagUsages())
			return exitOK
		}
		return usageFail(e, err)
	}
	if fs.NArg() > 0 {
		return usageFail(e, usagef("lsp takes no arguments"))
	}
	if ext.noConfig && ext.configPath != "" {
		return usageFail(e, usagef("--config and --no-config: choose one"))
	}
	if ext.configPath != "" {
		if _, err := os.Stat(ext.configPath); err != nil {
			return usageFail(e, usagef("--config: %v", withoutOp(err)))
		}
	}
	o.ConfigPath, o.NoConfig, o.MaxFileSize = ext.configPath, ext.noConfig, int64(maxSize)
	o.Version, o.Log = moduleVersion(), e.stderr
	err := lsp.Serve(context.Background(), e.stdin, e.stdout, o)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, lsp.ErrNoShutdown):
		// The protocol's status for an exit without shutdown.
		return 1
	}
	say(e.stderr, "lsp: %v", err)
	return exitTrouble
}

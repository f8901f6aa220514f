#!/usr/bin/env bash
# Build idemlint from source for the GitHub Action (action.yml), when
# scripts/action-install.sh found no release binary or the workflow asked
# for one (version: source). Needs Go and a C compiler; action.yml sets up
# Go only for this case.
#
# Reads its inputs from the environment, never from the command line of
# the workflow, so that nothing a workflow author types is parsed by the
# shell:
#   IDEMLINT_SOURCE   "checkout": build the action's own checkout
#                     (ACTION_PATH); "module@VERSION": go install
#                     github.com/idemlint/idemlint/cmd/idemlint@VERSION
#                     (latest, a tag, a commit); as install.sh wrote it
#   ACTION_PATH       the action's own directory (github.action_path)
#   IDEMLINT_BIN_DIR  where the binary goes (default: $RUNNER_TEMP/idemlint-bin)
#   GITHUB_OUTPUT     when set, receives bin=<path of the binary>
set -euo pipefail

source=${IDEMLINT_SOURCE:-checkout}
action_path=${ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
bin_dir=${IDEMLINT_BIN_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/idemlint-bin}
mkdir -p "$bin_dir"
bin_dir=$(cd "$bin_dir" && pwd)

case "$source" in
checkout)
	echo "Building idemlint from $action_path"
	(cd "$action_path" && go build -o "$bin_dir/idemlint" ./cmd/idemlint)
	;;
module@*)
	version=${source#module@}
	# A module version: a tag, a pseudo-version, a commit or a branch
	# name. Anything else (spaces, a leading dash, shell syntax) is refused
	# before it reaches go.
	if ! [[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+/-]*$ ]]; then
		echo "::error title=idemlint::version must be empty, source, latest, a tag such as v1.2.3 or a commit; got an invalid value" >&2
		exit 2
	fi
	echo "Installing idemlint@$version with go install"
	GOBIN="$bin_dir" go install "github.com/idemlint/idemlint/cmd/idemlint@$version"
	;;
*)
	echo "::error title=idemlint::unknown source to build: expected checkout or module@VERSION" >&2
	exit 2
	;;
esac

"$bin_dir/idemlint" version
if [ -n "${GITHUB_OUTPUT:-}" ]; then
	echo "bin=$bin_dir/idemlint" >>"$GITHUB_OUTPUT"
fi

#!/usr/bin/env bash
# Install idemlint for the GitHub Action (action.yml) and print where.
#
# Reads its inputs from the environment, never from the command line of
# the workflow, so that nothing a workflow author types is parsed by the
# shell:
#   IDEMLINT_VERSION  "" or "source": build this checkout of the action
#                     (ACTION_PATH); "latest", a tag (v1.2.3) or a commit:
#                     go install github.com/idemlint/idemlint/cmd/idemlint@VERSION
#   ACTION_PATH       the action's own directory (github.action_path)
#   IDEMLINT_BIN_DIR  where the binary goes (default: $RUNNER_TEMP/idemlint-bin)
#   GITHUB_OUTPUT     when set, receives bin=<path of the binary>
set -euo pipefail

version=${IDEMLINT_VERSION:-}
action_path=${ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
bin_dir=${IDEMLINT_BIN_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/idemlint-bin}
mkdir -p "$bin_dir"
bin_dir=$(cd "$bin_dir" && pwd)

case "$version" in
"" | source)
	echo "Building idemlint from $action_path"
	(cd "$action_path" && go build -o "$bin_dir/idemlint" ./cmd/idemlint)
	;;
*)
	# A module version: a tag, a pseudo-version, a commit or a branch
	# name. Anything else (spaces, a leading dash, shell syntax) is refused
	# before it reaches go.
	if ! [[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+/-]*$ ]]; then
		echo "::error title=idemlint::version must be empty, source, latest, a tag such as v1.2.3 or a commit; got an invalid value" >&2
		exit 2
	fi
	echo "Installing idemlint@$version"
	GOBIN="$bin_dir" go install "github.com/idemlint/idemlint/cmd/idemlint@$version"
	;;
esac

"$bin_dir/idemlint" version
if [ -n "${GITHUB_OUTPUT:-}" ]; then
	echo "bin=$bin_dir/idemlint" >>"$GITHUB_OUTPUT"
fi

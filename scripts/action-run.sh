#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml): annotations, job summary and
# SARIF from one set of inputs, and the exit status of the fail-on policy.
#
# Inputs come from the environment only (action.yml maps each action input
# to one variable), so that no workflow value is ever parsed by the shell:
#   IDEMLINT_BIN         the idemlint binary (default: idemlint on PATH)
#   INPUT_PATHS          files and directories, separated by whitespace
#   INPUT_DIALECT        --dialect
#   INPUT_CONFIG         --config
#   INPUT_FAIL_ON        --fail-on (empty: the configuration's, else error)
#   INPUT_BASELINE       --baseline
#   INPUT_ONLY_NEW       "true": only migrations added since the base
#   INPUT_BASE           the base revision for only-new (default: the pull
#                        request's base branch, origin/$GITHUB_BASE_REF, or
#                        on a push IDEMLINT_PUSH_BEFORE)
#   IDEMLINT_PUSH_BEFORE on a push, the commit the branch was at before it
#                        (github.event.before; all zeros for a new branch)
#   INPUT_WARN_EDITED    "true": with only-new, report edited migrations
#   INPUT_SARIF_FILE     where to write SARIF (empty: none)
# and the runner's GITHUB_WORKSPACE, GITHUB_BASE_REF, GITHUB_STEP_SUMMARY
# and GITHUB_OUTPUT. It writes sarif-file and exit-code to GITHUB_OUTPUT.
#
# Exit status: idemlint's own: 0 clean, 1 a finding reached fail-on,
# 2 trouble (bad input, unreadable file, configuration error).
set -euo pipefail
# Paths are split on whitespace but never globbed: a * in an input stays a *.
set -f

bin=${IDEMLINT_BIN:-idemlint}
if [ -n "${GITHUB_WORKSPACE:-}" ]; then
	cd "$GITHUB_WORKSPACE"
fi

is_true() {
	case "${1:-}" in
	true | True | TRUE | yes | 1) return 0 ;;
	esac
	return 1
}

args=()
[ -n "${INPUT_DIALECT:-}" ] && args+=(--dialect "$INPUT_DIALECT")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")

if is_true "${INPUT_ONLY_NEW:-}"; then
	base=${INPUT_BASE:-}
	if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
		base="origin/$GITHUB_BASE_REF"
		# actions/checkout fetches one commit by default: fetch the base
		# branch and enough history to find where the pull request forked.
		if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
			git fetch --no-tags --quiet origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" || true
		fi
		if [ "$(git rev-parse --is-shallow-repository 2>/dev/null || echo false)" = true ]; then
			git fetch --no-tags --quiet --unshallow origin || true
		fi
	fi
	before=${IDEMLINT_PUSH_BEFORE:-}
	if [ -z "$base" ] && [ -z "${GITHUB_BASE_REF:-}" ] && [[ "$before" =~ ^[0-9a-f]{40}$ ]] && [[ "$before" =~ [1-9a-f] ]]; then
		# A push: the migrations it adds are those added since the commit
		# the branch was at before it. A shallow checkout lacks the
		# history between them, and a force push may have dropped that
		# commit from what was fetched: ask for both.
		if [ "$(git rev-parse --is-shallow-repository 2>/dev/null || echo false)" = true ]; then
			git fetch --no-tags --quiet --unshallow origin || true
		fi
		if ! git cat-file -e "$before^{commit}" 2>/dev/null; then
			git fetch --no-tags --quiet origin "$before" || true
		fi
		if git cat-file -e "$before^{commit}" 2>/dev/null; then
			base=$before
		else
			echo "::notice title=idemlint::only-new: the commit before the push ($before) is not in the checkout; linting every path"
			before=missing
		fi
	fi
	if [ -n "$base" ]; then
		args+=(--new-since "$base")
		is_true "${INPUT_WARN_EDITED:-}" && args+=(--warn-edited)
	elif [ "$before" != missing ]; then
		echo "::notice title=idemlint::only-new needs a pull request, a push to an existing branch or the base input; linting every path"
	fi
fi

read -r -d '' -a paths <<<"${INPUT_PATHS:-}" || true
if [ "${#paths[@]}" -eq 0 ]; then
	# Seeds, fixtures and the like are not migrations: say how to aim
	# the action at the migration folders.
	echo "::notice title=idemlint::paths is not set: linting every .sql file of the repository; set paths to your migration folders (e.g. db/migrations)"
	paths=(.)
fi

# Annotations and the job summary; this run's status is the action's.
set +e
"$bin" --format github "${args[@]}" -- "${paths[@]}"
status=$?
set -e

sarif=${INPUT_SARIF_FILE:-}
if [[ "$sarif" == *$'\n'* || "$sarif" == *$'\r'* ]]; then
	echo "::error title=idemlint::sarif-file must be one path" >&2
	exit 2
fi
if [ -n "$sarif" ]; then
	# The same findings as SARIF; its notes on standard error were already
	# printed by the first run, so they are shown only if it fails.
	errlog=$(mktemp)
	set +e
	"$bin" --format sarif --output "$sarif" "${args[@]}" --fail-on none -- "${paths[@]}" 2>"$errlog"
	sarif_status=$?
	set -e
	if [ "$sarif_status" -ne 0 ]; then
		cat "$errlog" >&2
		if [ "$status" -lt 2 ] && [ "$sarif_status" -ge 2 ]; then
			status=$sarif_status
		fi
	fi
	rm -f "$errlog"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
	{
		echo "sarif-file=$sarif"
		echo "exit-code=$status"
	} >>"$GITHUB_OUTPUT"
fi
exit "$status"

#!/usr/bin/env bash
# Run the GitHub Action's own shell steps (scripts/action-install.sh, action-build.sh and
# scripts/action-run.sh, exactly as action.yml calls them) against fixture
# repositories with the runner's environment variables set, and check the
# annotations, job summary, outputs and SARIF they produce.
#
#   scripts/ci-action.sh
#
# Needs git, go and jq. When the SARIF multitool is installed (see
# scripts/validate-sarif.sh), the SARIF is validated with it too.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
for tool in git go jq; do
	command -v "$tool" >/dev/null || {
		echo "$0: $tool not found on PATH" >&2
		exit 2
	}
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() {
	echo "FAIL $*" >&2
	status=1
}
gitq() { git -c init.defaultBranch=main -c user.name=ci -c user.email=ci@example.com -c commit.gpgsign=false "$@"; }

echo "== install (version: source): the installer leaves it to the build step"
: >"$work/install.out"
env -i PATH="$PATH" IDEMLINT_VERSION=source ACTION_PATH="$root" RUNNER_TEMP="$work" GITHUB_OUTPUT="$work/install.out" \
	"$root/scripts/action-install.sh" >"$work/install.log" 2>&1 || {
	cat "$work/install.log" >&2
	echo "FAIL install" >&2
	exit 1
}
expect_source=$(cat "$work/install.out")
[ "$expect_source" = "source=checkout" ] || fail "install: version source wrote $expect_source, want source=checkout"
: >"$work/build.out"
env -i PATH="$PATH" HOME="${HOME:-$work}" GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" \
	GOFLAGS="${GOFLAGS:-}" GOPROXY="$(go env GOPROXY)" \
	IDEMLINT_SOURCE=checkout ACTION_PATH="$root" RUNNER_TEMP="$work/runner" GITHUB_OUTPUT="$work/build.out" \
	"$root/scripts/action-build.sh" >"$work/build.log" 2>&1 || {
	cat "$work/build.log" >&2
	echo "FAIL build" >&2
	exit 1
}
bin=$(sed -n 's/^bin=//p' "$work/build.out")
[ "$bin" = "$work/runner/idemlint-bin/idemlint" ] || fail "build: output bin=$bin"
[ -x "$bin" ] || {
	echo "FAIL build: no binary" >&2
	exit 1
}
out=$(env -i PATH="$PATH" IDEMLINT_VERSION='v1 ; touch pwned' ACTION_PATH="$root" RUNNER_TEMP="$work" \
	"$root/scripts/action-install.sh" 2>&1) && fail "install: an invalid version was accepted"
grep -q '^::error title=idemlint::version must be' <<<"$out" || fail "install: no error annotation for an invalid version: $out"
out=$(env -i PATH="$PATH" IDEMLINT_SOURCE='module@v1 ; touch pwned' ACTION_PATH="$root" RUNNER_TEMP="$work" \
	"$root/scripts/action-build.sh" 2>&1) && fail "build: an invalid version was accepted"
grep -q '^::error title=idemlint::version must be' <<<"$out" || fail "build: no error annotation for an invalid version: $out"
# The download itself (checksums, missing assets, HTTP errors, the tool
# cache) is tested against a loopback release server:
# go test ./internal/release -run TestActionInstall.

# The fixture project: a remote holding main, and a pull request branch
# that adds migrations (one with an identifier built to inject workflow
# commands) and edits an applied one.
origin="$work/origin.git"
seed="$work/seed"
gitq init -q --bare "$origin"
gitq init -q "$seed"
mkdir -p "$seed/db/postgres"
cp "$root"/testdata/action/postgres/*.sql "$seed/db/postgres/"
gitq -C "$seed" add .
gitq -C "$seed" commit -q -m base
gitq -C "$seed" push -q "$origin" HEAD:main
gitq -C "$seed" checkout -q -b feature
cat >"$seed/db/postgres/20240201000000_add_index.sql" <<'SQL'
-- +goose Up
CREATE INDEX orders_note_idx ON orders (note);
-- +goose Down
DROP INDEX IF EXISTS orders_note_idx;
SQL
printf -- '-- +goose Up\n-- ::error file=x::from a comment %%0A::add-mask::c\nCREATE TABLE "evil\n::add-mask::secret %%0A::warning::y" (id int);\n' \
	>"$seed/db/postgres/20240202000000_hostile.sql"
sed -i 's/email text/email varchar(320)/' "$seed/db/postgres/20240102000000_create_users.sql"
gitq -C "$seed" add .
gitq -C "$seed" commit -q -m feature
gitq -C "$seed" push -q "$origin" feature

# run NAME WORKSPACE VAR=VALUE...: run the lint step as action.yml does,
# with a runner-like environment and nothing else.
run() {
	local name=$1 ws=$2
	shift 2
	rm -rf "$work/$name"
	mkdir -p "$work/$name"
	: >"$work/$name/summary.md"
	: >"$work/$name/output"
	set +e
	env -i PATH="$PATH" HOME="$work" GITHUB_ACTIONS=true GITHUB_WORKSPACE="$ws" \
		GITHUB_STEP_SUMMARY="$work/$name/summary.md" GITHUB_OUTPUT="$work/$name/output" \
		GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=octo/shop GITHUB_SHA=0123abcd \
		IDEMLINT_BIN="$bin" ACTION_PATH="$root" INPUT_PATHS=db INPUT_DIALECT=postgres \
		INPUT_SARIF_FILE=idemlint.sarif "$@" \
		"$root/scripts/action-run.sh" >"$work/$name/stdout" 2>"$work/$name/stderr"
	code=$?
	set -e
	stdout=$(cat "$work/$name/stdout")
}

# commands NAME: the workflow commands of a run's standard output, as
# "command file:line:col-endLine:endColumn title" (properties unescaped).
commands() {
	grep '^::' "$work/$1/stdout" | sed -E 's/^::([a-z]+) file=([^,]*),line=([0-9]+),col=([0-9]+),endLine=([0-9]+),endColumn=([0-9]+),title=([^:]*)::.*$/\1 \2:\3:\4-\5:\6 \7/' |
		sed -e 's/%3A/:/g' -e 's/%2C/,/g' -e 's/%0A/\\n/g' -e 's/%25/%/g'
}

expect_eq() { # what got want
	if [ "$2" != "$3" ]; then
		fail "$1:"$'\n'"got:"$'\n'"$2"$'\n'"want:"$'\n'"$3"
	fi
}

clone_ws() { # NAME [git clone args...]: a workspace checked out at the branch
	local name=$1
	shift
	gitq clone -q "$@" "file://$origin" "$work/ws-$name"
}

echo "== the whole project: annotations, summary, SARIF, outputs"
clone_ws full --branch feature
run full "$work/ws-full"
expect_eq "full: exit status" "$code" 1
expect_eq "full: annotations" "$(commands full)" \
	"error db/postgres/20240101000000_create_orders.sql:4:1-4:19 create-without-guard: CREATE without IF NOT EXISTS fails on the second run
error db/postgres/20240101000000_create_orders.sql:5:20-5:39 add-column-without-guard: ALTER TABLE ... ADD COLUMN without a guard fails on the second run
error db/postgres/20240201000000_add_index.sql:2:1-2:28 create-without-guard: CREATE without IF NOT EXISTS fails on the second run
error db/postgres/20240202000000_hostile.sql:3:1-4:35 create-without-guard: CREATE without IF NOT EXISTS fails on the second run
warning db/postgres/20240201000000_add_index.sql:2:1-2:28 index-without-concurrently: CREATE INDEX or REINDEX without CONCURRENTLY on an existing table: writes wait while the whole table is read
warning db/postgres/20240201000000_add_index.sql:2:1-2:28 missing-lock-timeout: a lock of SHARE or stronger on an existing table with no SET lock_timeout before it: the queue behind it blocks the table
warning db/postgres/20240201000000_add_index.sql:4:1-4:36 drop-index-without-concurrently: DROP INDEX without CONCURRENTLY: an ACCESS EXCLUSIVE lock on the index's table, queued behind every running query"
# Nothing else in the output may read as a workflow command.
expect_eq "full: lines starting with ::" "$(grep -c '^::' "$work/full/stdout")" 7
expect_eq "full: closing line" "$(tail -n 1 "$work/full/stdout")" "idemlint: 7 findings in 3 files of 4 checked"
grep -qF '::table evil\n::add-mask::secret %250A::warning::y is created without a guard' "$work/full/stdout" ||
	fail "full: the hostile identifier is not carried as escaped data"
summary=$(cat "$work/full/summary.md")
grep -qx '## idemlint' <<<"$summary" || fail "full: no summary heading"
grep -qx '7 findings (4 errors, 3 warnings) in 3 files of 4 checked.' <<<"$summary" || fail "full: summary counts"
expect_eq "full: summary rows" "$(grep -c '^| error | \[db/postgres/' <<<"$summary")" 4
grep -qF '| error | [db/postgres/20240101000000\_create\_orders.sql\:4\:1](https://github.com/octo/shop/blob/0123abcd/db/postgres/20240101000000_create_orders.sql#L4) | [create-without-guard](' <<<"$summary" ||
	fail "full: summary row with a link to the line"
expect_eq "full: outputs" "$(cat "$work/full/output")" "sarif-file=idemlint.sarif
exit-code=1"
sarif="$work/ws-full/idemlint.sarif"
expect_eq "full: SARIF results" "$(jq -r '.runs[0].results[] | "\(.ruleId) \(.level) \(.locations[0].physicalLocation.artifactLocation.uri):\(.locations[0].physicalLocation.region.startLine):\(.locations[0].physicalLocation.region.startColumn)"' "$sarif")" \
	"create-without-guard error db/postgres/20240101000000_create_orders.sql:4:1
add-column-without-guard error db/postgres/20240101000000_create_orders.sql:5:20
create-without-guard error db/postgres/20240201000000_add_index.sql:2:1
index-without-concurrently warning db/postgres/20240201000000_add_index.sql:2:1
missing-lock-timeout warning db/postgres/20240201000000_add_index.sql:2:1
drop-index-without-concurrently warning db/postgres/20240201000000_add_index.sql:4:1
create-without-guard error db/postgres/20240202000000_hostile.sql:3:1"
expect_eq "full: SARIF base" "$(jq -r '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uriBaseId] | unique | join(",")' "$sarif")" "%SRCROOT%"

echo "== fail-on none: the same annotations, exit 0"
clone_ws none --branch feature
run none "$work/ws-none" INPUT_FAIL_ON=none INPUT_SARIF_FILE=
expect_eq "fail-on none: exit status" "$code" 0
expect_eq "fail-on none: annotations" "$(grep -c '^::error ' "$work/none/stdout")" 4
expect_eq "fail-on none: outputs" "$(cat "$work/none/output")" "sarif-file=
exit-code=0"
[ -e "$work/ws-none/idemlint.sarif" ] && fail "fail-on none: a SARIF file was written with sarif-file empty"

echo "== only-new in a pull request, from a shallow checkout"
clone_ws pr --depth 1 --branch feature
run pr "$work/ws-pr" GITHUB_BASE_REF=main INPUT_ONLY_NEW=true INPUT_WARN_EDITED=true
expect_eq "only-new: exit status" "$code" 1
expect_eq "only-new: annotations" "$(commands pr)" \
	"error db/postgres/20240201000000_add_index.sql:2:1-2:28 create-without-guard: CREATE without IF NOT EXISTS fails on the second run
error db/postgres/20240202000000_hostile.sql:3:1-4:35 create-without-guard: CREATE without IF NOT EXISTS fails on the second run
warning db/postgres/20240102000000_create_users.sql:4:1-4:62 edited-applied-migration: A migration that was already merged has been edited
warning db/postgres/20240201000000_add_index.sql:2:1-2:28 index-without-concurrently: CREATE INDEX or REINDEX without CONCURRENTLY on an existing table: writes wait while the whole table is read
warning db/postgres/20240201000000_add_index.sql:2:1-2:28 missing-lock-timeout: a lock of SHARE or stronger on an existing table with no SET lock_timeout before it: the queue behind it blocks the table
warning db/postgres/20240201000000_add_index.sql:4:1-4:36 drop-index-without-concurrently: DROP INDEX without CONCURRENTLY: an ACCESS EXCLUSIVE lock on the index's table, queued behind every running query"
expect_eq "only-new: SARIF results" "$(jq -r '[.runs[0].results[].ruleId] | join(",")' "$work/ws-pr/idemlint.sarif")" \
	"edited-applied-migration,create-without-guard,index-without-concurrently,missing-lock-timeout,drop-index-without-concurrently,create-without-guard"

echo "== only-new outside a pull request lints everything, and says so"
clone_ws push --branch feature
run push "$work/ws-push" INPUT_ONLY_NEW=true
expect_eq "only-new on push: exit status" "$code" 1
grep -qx '::notice title=idemlint::only-new needs a pull request, a push to an existing branch or the base input; linting every path' "$work/push/stdout" ||
	fail "only-new on push: no notice"
expect_eq "only-new on push: annotations" "$(grep -c '^::error ' "$work/push/stdout")" 4

echo "== only-new on a push: the migrations added since the commit before the push"
clone_ws pushed --depth 1 --branch feature
main_sha=$(gitq -C "$seed" rev-parse main)
run pushed "$work/ws-pushed" INPUT_ONLY_NEW=true GITHUB_EVENT_NAME=push IDEMLINT_PUSH_BEFORE="$main_sha"
expect_eq "only-new on a push: exit status" "$code" 1
expect_eq "only-new on a push: annotations" "$(commands pushed)" \
	"error db/postgres/20240201000000_add_index.sql:2:1-2:28 create-without-guard: CREATE without IF NOT EXISTS fails on the second run
error db/postgres/20240202000000_hostile.sql:3:1-4:35 create-without-guard: CREATE without IF NOT EXISTS fails on the second run
warning db/postgres/20240201000000_add_index.sql:2:1-2:28 index-without-concurrently: CREATE INDEX or REINDEX without CONCURRENTLY on an existing table: writes wait while the whole table is read
warning db/postgres/20240201000000_add_index.sql:2:1-2:28 missing-lock-timeout: a lock of SHARE or stronger on an existing table with no SET lock_timeout before it: the queue behind it blocks the table
warning db/postgres/20240201000000_add_index.sql:4:1-4:36 drop-index-without-concurrently: DROP INDEX without CONCURRENTLY: an ACCESS EXCLUSIVE lock on the index's table, queued behind every running query"
grep -q '^::notice' "$work/pushed/stdout" && fail "only-new on a push: a notice: $(grep '^::notice' "$work/pushed/stdout")"

echo "== only-new on the push that creates a branch (no commit before it) lints everything"
run newbranch "$work/ws-push" INPUT_ONLY_NEW=true GITHUB_EVENT_NAME=push IDEMLINT_PUSH_BEFORE=0000000000000000000000000000000000000000
expect_eq "only-new on a new branch: annotations" "$(grep -c '^::error ' "$work/newbranch/stdout")" 4
grep -q '^::notice title=idemlint::only-new needs' "$work/newbranch/stdout" || fail "only-new on a new branch: no notice"

echo "== only-new on a push whose previous commit is gone lints everything, and says which"
run gone "$work/ws-push" INPUT_ONLY_NEW=true GITHUB_EVENT_NAME=push IDEMLINT_PUSH_BEFORE=1111111111111111111111111111111111111111
expect_eq "only-new, commit gone: annotations" "$(grep -c '^::error ' "$work/gone/stdout")" 4
grep -qx '::notice title=idemlint::only-new: the commit before the push (1111111111111111111111111111111111111111) is not in the checkout; linting every path' "$work/gone/stdout" ||
	fail "only-new, commit gone: no notice: $(grep '^::notice' "$work/gone/stdout")"

echo "== a clean project"
clone_ws clean --branch main
run clean "$work/ws-clean" INPUT_PATHS="db/postgres/20240102000000_create_users.sql"
expect_eq "clean: exit status" "$code" 0
expect_eq "clean: output" "$stdout" "idemlint: 0 findings in 0 files of 1 checked"
grep -qx 'No findings in 1 file.' "$work/clean/summary.md" || fail "clean: summary"
expect_eq "clean: SARIF results" "$(jq '.runs[0].results | length' "$work/ws-clean/idemlint.sarif")" 0

echo "== no paths: every .sql file, and a notice that points at the migration folders"
run nopaths "$work/ws-clean" INPUT_PATHS=
expect_eq "no paths: exit status (the whole repository has findings)" "$code" 1
grep -qx '::notice title=idemlint::paths is not set: linting every .sql file of the repository; set paths to your migration folders (e.g. db/migrations)' "$work/nopaths/stdout" ||
	fail "no paths: no notice"

echo "== inputs are data, never shell"
clone_ws evil --branch feature
run evil "$work/ws-evil" INPUT_PATHS='$(touch pwned1) `touch pwned2` ;touch pwned3' INPUT_DIALECT='postgres"; touch pwned4; "' \
	INPUT_SARIF_FILE='x.sarif; touch pwned5'
expect_eq "evil inputs: exit status" "$code" 2
for n in 1 2 3 4 5; do
	if [ -e "$work/ws-evil/pwned$n" ] || [ -e "$root/pwned$n" ]; then
		fail "evil inputs: pwned$n was created"
	fi
done
grep -q 'unknown dialect' "$work/evil/stderr" || fail "evil inputs: the dialect was not refused as a value: $(cat "$work/evil/stderr")"
expect_eq "evil inputs: outputs" "$(cat "$work/evil/output")" "sarif-file=x.sarif; touch pwned5
exit-code=2"

echo "== SARIF validation"
if [ -x "$root/node_modules/.bin/sarif-multitool" ] || command -v sarif-multitool >/dev/null || [ -n "${SARIF_MULTITOOL:-}" ]; then
	"$root/scripts/validate-sarif.sh" "$work/ws-full/idemlint.sarif" "$work/ws-pr/idemlint.sarif" "$work/ws-clean/idemlint.sarif" ||
		fail "the action's SARIF does not validate"
else
	echo "     sarif-multitool not installed: skipped (scripts/validate-sarif.sh says how to install it)"
fi

if [ "$status" -eq 0 ]; then
	echo "ok   GitHub Action steps"
fi
exit $status

#!/usr/bin/env bash
# Test the pre-commit hook the way users meet it: a throwaway git
# repository with a bad and a good staged migration, and
# `pre-commit try-repo` against this checkout. The bad migration must fail
# the hook with its finding printed; the good one must pass; a staged file
# that is not SQL must never reach idemlint.
#
#   scripts/ci-precommit.sh
#
# The second hook, idemlint-system, runs the idemlint on PATH: it is tried
# with a PATH that holds no Go (IDEMLINT_BIN names the binary to use).
#
# Needs git, Go and pre-commit on PATH (CI: apt-get install -y pre-commit);
# installs nothing. It tests the committed state, HEAD: left to itself,
# try-repo would add the checkout's staged and modified tracked files (not
# untracked ones), which a work in progress elsewhere can break. pre-commit
# builds the hook with `go install ./...`: every main package must build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
for tool in git go pre-commit; do
	if ! command -v "$tool" >/dev/null; then
		echo "$0: $tool not found on PATH" >&2
		[ "$tool" = pre-commit ] && echo "install Debian's: apt-get install -y pre-commit" >&2
		exit 2
	fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# pre-commit gives the hook its own GOPATH, hence an empty module cache:
# point it at the usual one so that nothing is downloaded twice.
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
export PRE_COMMIT_HOME="$work/cache"
# The go build cache stays where it is: the cgo parser builds once.
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"

head=$(git -C "$root" rev-parse HEAD)
repo="$work/project"
mkdir -p "$repo/db/migrations"
cd "$repo"
git init -q
git config user.name ci
git config user.email ci@example.com
git config commit.gpgsign false

cat >db/migrations/20240101000000_create_orders.sql <<'SQL'
-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY);

-- +goose Down
SET lock_timeout = '5s';
DROP TABLE IF EXISTS orders;
SQL
cat >db/migrations/20240102000000_create_users.sql <<'SQL'
-- +goose Up
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);

-- +goose Down
SET lock_timeout = '5s';
DROP TABLE IF EXISTS users;
SQL
# Not SQL: linted as SQL it would be a syntax error.
printf 'This is not SQL; it must not reach the hook.\n' >README.md
git add .

bad=db/migrations/20240101000000_create_orders.sql
good=db/migrations/20240102000000_create_users.sql
status=0
fail() {
	echo "FAIL $*" >&2
	status=1
}

run() {
	# try-repo exits 1 when a hook fails; keep its output either way.
	set +e
	out=$(pre-commit try-repo "$root" idemlint --ref "$head" --color never "$@" 2>&1)
	code=$?
	set -e
	printf '%s\n' "$out" | sed 's/^/    /'
}

echo "== the bad migration fails the hook, with the finding"
run --files "$bad"
[ "$code" -eq 1 ] || fail "bad migration: exit $code, want 1"
grep -q 'idemlint (migrations safe to re-run)\.*Failed' <<<"$out" || fail "bad migration: the hook did not report Failed"
grep -qF "$bad:2:1: error: table orders is created without a guard" <<<"$out" || fail "bad migration: the finding is not printed"
grep -qF '[create-without-guard]' <<<"$out" || fail "bad migration: the rule ID is not printed"

echo "== the good migration passes"
run --files "$good"
[ "$code" -eq 0 ] || fail "good migration: exit $code, want 0"
grep -q 'idemlint (migrations safe to re-run)\.*Passed' <<<"$out" || fail "good migration: the hook did not report Passed"

echo "== the staged files: only the SQL ones reach idemlint"
run
[ "$code" -eq 1 ] || fail "staged files: exit $code, want 1"
grep -qF "$bad:2:1" <<<"$out" || fail "staged files: the bad migration was not checked"
grep -q 'README' <<<"$out" && fail "staged files: README.md reached idemlint"
grep -qF '1 finding (1 error) in 1 file of 2 checked' <<<"$out" || fail "staged files: want both migrations checked in one call"

echo "== the snippet of docs/integrations.md blocks a commit of the bad migration"
# The configuration users paste, pointed at this checkout's HEAD instead
# of GitHub.
awk '
	/^```yaml$/ { inblock = 1; text = ""; next }
	/^```$/ && inblock { inblock = 0; if (text ~ /^repos:/) { printf "%s", text; exit } next }
	inblock { text = text $0 "\n" }
' "$root/docs/integrations.md" |
	sed -e "s|repo: https://github.com/idemlint/idemlint|repo: $root|" -e "s|rev: main\b.*|rev: $head|" >.pre-commit-config.yaml
grep -q "rev: $head" .pre-commit-config.yaml || fail "docs snippet: no pre-commit configuration found in docs/integrations.md"
pre-commit validate-config .pre-commit-config.yaml || fail "docs snippet: pre-commit rejects it"
pre-commit install >/dev/null
# A file outside the migration folder the snippet names is never linted,
# error or not.
mkdir -p db/seeds
printf 'CREATE TABLE seed_users (id int);\n' >db/seeds/users.sql
git add .pre-commit-config.yaml db/seeds/users.sql
set +e
out=$(git commit -q -m "add migrations" 2>&1)
code=$?
set -e
printf '%s\n' "$out" | sed 's/^/    /'
[ "$code" -ne 0 ] || fail "docs snippet: the commit of the bad migration went through"
grep -qF "$bad:2:1: error: table orders is created without a guard" <<<"$out" || fail "docs snippet: the finding is not printed"
git rm -q --cached "$bad"
set +e
out=$(git commit -q -m "add the good migration" 2>&1)
code=$?
set -e
printf '%s\n' "$out" | sed 's/^/    /'
[ "$code" -eq 0 ] || fail "docs snippet: the commit of the good migration was refused"

echo "== idemlint-system: the idemlint on PATH, with no Go on PATH"
# A release binary when given (IDEMLINT_BIN, as .ci/run does with the
# static artifact), else one built from HEAD.
sysbin="$work/sysbin"
mkdir -p "$sysbin"
if [ -n "${IDEMLINT_BIN:-}" ]; then
	cp "$IDEMLINT_BIN" "$sysbin/idemlint"
else
	mkdir "$work/head"
	git -C "$root" archive HEAD | tar -x -C "$work/head"
	(cd "$work/head" && go build -o "$sysbin/idemlint" ./cmd/idemlint)
fi
precommit_dir=$(dirname "$(command -v pre-commit)")
git_dir=$(dirname "$(command -v git)")
runsys() {
	set +e
	out=$(env PATH="$sysbin:$precommit_dir:$git_dir:/usr/bin:/bin" pre-commit try-repo "$root" idemlint-system --ref "$head" --color never "$@" 2>&1)
	code=$?
	set -e
	printf '%s\n' "$out" | sed 's/^/    /'
}
env PATH="$sysbin:$precommit_dir:$git_dir:/usr/bin:/bin" sh -c 'command -v go' >/dev/null && fail "idemlint-system: go is on the test's PATH"
git add -f "$bad"
runsys --files "$bad"
[ "$code" -eq 1 ] || fail "idemlint-system, bad migration: exit $code, want 1"
grep -qF "$bad:2:1: error: table orders is created without a guard" <<<"$out" || fail "idemlint-system: the finding is not printed"
runsys --files "$good"
[ "$code" -eq 0 ] || fail "idemlint-system, good migration: exit $code, want 0"
rm -f "$sysbin/idemlint"
runsys --files "$good"
[ "$code" -ne 0 ] || fail "idemlint-system without idemlint on PATH: exit 0"
grep -q 'Executable `idemlint` not found' <<<"$out" || fail "idemlint-system without idemlint on PATH: pre-commit does not say it is missing"

if [ "$status" -eq 0 ]; then
	echo "ok   pre-commit hook"
fi
exit $status

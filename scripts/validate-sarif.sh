#!/usr/bin/env bash
# Validate SARIF files with Microsoft's SARIF multitool, once against the
# SARIF spec rules and once against GitHub's ingestion rules.
#
#   scripts/validate-sarif.sh FILE...
#
# The multitool exits 0 even when it reports errors, and prints only its
# usage for a mistyped option, so this script reads its output: it fails
# on any ": error " line and unless every run says
# "Analysis completed successfully". Set SARIF_MULTITOOL to the command
# to run; by default the one installed with
# `npm install @microsoft/sarif-multitool` in the repository, then on PATH.
set -euo pipefail

if [ $# -eq 0 ]; then
	echo "usage: $0 FILE..." >&2
	exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
tool=${SARIF_MULTITOOL:-}
if [ -z "$tool" ]; then
	if [ -x "$root/node_modules/.bin/sarif-multitool" ]; then
		tool=$root/node_modules/.bin/sarif-multitool
	elif command -v sarif-multitool >/dev/null; then
		tool=sarif-multitool
	else
		echo "$0: sarif-multitool not found; run: npm install @microsoft/sarif-multitool" >&2
		exit 2
	fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
n=0
for f in "$@"; do
	if [ ! -r "$f" ]; then
		echo "FAIL $f: cannot read it" >&2
		status=1
		continue
	fi
	# The multitool silently skips a file whose name does not end in
	# .sarif, and still says it completed: validate a copy that does.
	n=$((n + 1))
	in=$work/in-$n.sarif
	cp "$f" "$in"
	for kind in Sarif Gh; do
		log=$work/log.txt
		# The multitool writes its own findings as SARIF to -o; we read
		# the console output, which lists them too.
		"$tool" validate "$in" --rule-kind "$kind" -o "$work/out.sarif" --log ForceOverwrite >"$log" 2>&1 || true
		sed -i "s|$in|$f|g" "$log"
		errors=$(grep -c ': error ' "$log" || true)
		if grep -q 'skipped entirely' "$log"; then
			echo "FAIL $f ($kind): the validator skipped the file:" >&2
			cat "$log" >&2
			status=1
		elif ! grep -q 'Analysis completed successfully' "$log"; then
			echo "FAIL $f ($kind): the validator did not complete:" >&2
			cat "$log" >&2
			status=1
		elif [ "$errors" -ne 0 ]; then
			echo "FAIL $f ($kind): $errors error(s):" >&2
			grep ': error ' "$log" >&2
			status=1
		else
			warnings=$(grep -c ': warning ' "$log" || true)
			echo "ok   $f ($kind): 0 errors, $warnings warning(s)"
		fi
	done
done
exit $status

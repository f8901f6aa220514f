#!/usr/bin/env bash
# Lint the GitHub workflows with actionlint, which also checks action.yml
# through the workflows that use it with `uses: ./`.
#
#   scripts/ci-actionlint.sh
#
# Installs the pinned actionlint with `go install` when the one on PATH
# (or in $(go env GOPATH)/bin) is missing or another version.
set -euo pipefail

version=v1.7.12
root=$(cd "$(dirname "$0")/.." && pwd)

tool=""
for candidate in "$(command -v actionlint || true)" "$(go env GOPATH)/bin/actionlint"; do
	if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$("$candidate" -version | head -n 1)" = "$version" ]; then
		tool=$candidate
		break
	fi
done
if [ -z "$tool" ]; then
	echo "Installing actionlint $version"
	GOBIN="$(go env GOPATH)/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
	tool="$(go env GOPATH)/bin/actionlint"
fi

cd "$root"
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#workflows[@]}" -eq 0 ]; then
	echo "$0: no workflows under .github/workflows" >&2
	exit 2
fi
"$tool" -no-color "${workflows[@]}"
echo "ok   actionlint $version: ${workflows[*]}"

# The workflow users copy from docs/integrations.md must pass too: every
# fenced yaml block with a jobs: key, linted in a scratch repository.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/.github/workflows"
awk -v dir="$work/.github/workflows" '
	/^```yaml$/ { inblock = 1; n++; text = ""; next }
	/^```$/ && inblock { inblock = 0; if (text ~ /\njobs:/) { f = dir "/docs-" n ".yml"; printf "%s", text > f; close(f) } next }
	inblock { text = text $0 "\n" }
' docs/integrations.md
snippets=("$work"/.github/workflows/*.yml)
if [ ! -e "${snippets[0]}" ]; then
	echo "$0: no workflow found in docs/integrations.md" >&2
	exit 1
fi
(cd "$work" && git init -q && "$tool" -no-color .github/workflows/*.yml)
echo "ok   actionlint $version: the workflow in docs/integrations.md"

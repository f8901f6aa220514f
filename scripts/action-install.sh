#!/usr/bin/env bash
# Install idemlint's release binary for the GitHub Action (action.yml):
# the tarball for the runner's OS and architecture, checked against the
# release's checksums.txt (SHA-256), kept in the runner's tool cache. It
# needs curl, tar and sha256sum (or shasum); it never touches Go.
#
# Which release: the version input when set (latest or a tag such as
# v1.2.3), else the action's own ref when it is a release tag
# (uses: idemlint/idemlint@v1.2.3). When there is nothing to download (version: source,
# a ref or version that is a branch or a commit, no such release, no
# binary for this platform) it writes source=checkout (build the action's
# checkout) or source=module@VERSION (go install that version) for
# scripts/action-build.sh, and exits 0. A failed download, a wrong
# checksum or a broken tarball fail the step, with nothing installed.
#
# Reads its inputs from the environment, never from the command line of
# the workflow, so that nothing a workflow author types is parsed by the
# shell:
#   IDEMLINT_VERSION     the version input: "", source, latest, vX.Y.Z, a commit
#   IDEMLINT_ACTION_REF  the action's ref (github.action_ref); empty for uses: ./
#   ACTION_PATH          the action's folder (github.action_path), which ends
#                        in the ref when IDEMLINT_ACTION_REF is empty
#   IDEMLINT_RELEASES    the releases' base URL, where download/<tag>/ and
#                        latest/download/ hold the assets
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE, RUNNER_TEMP  the runner's
#   GITHUB_OUTPUT        receives bin=<path> or source=<what to build>
#   GITHUB_PATH          receives the binary's folder
set -euo pipefail

releases=${IDEMLINT_RELEASES:-https://github.com/idemlint/idemlint/releases}
version=${IDEMLINT_VERSION:-}
ref=${IDEMLINT_ACTION_REF:-}
# github.action_ref is not promised in composite actions; the runner keeps
# an action fetched by ref in .../_actions/<owner>/<repo>/<ref>.
if [ -z "$ref" ] && [[ "${ACTION_PATH:-}" == */_actions/*/*/* ]]; then
	ref=${ACTION_PATH##*/}
fi
temp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
tool_cache=${RUNNER_TOOL_CACHE:-$temp/idemlint-tool-cache}

die() {
	echo "::error title=idemlint::$*" >&2
	exit 1
}

# build_from WHAT WHY: leave it to scripts/action-build.sh.
build_from() {
	echo "::notice title=idemlint::building idemlint from source: $2"
	echo "source=$1" >>"${GITHUB_OUTPUT:-/dev/null}"
	exit 0
}

# A tag or version reaches a URL and the notices: refuse anything but
# plain version characters (spaces, a leading dash, shell syntax, ::).
valid() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._+/-]*$ ]]; }

case "$version" in
source)
	build_from checkout "version: source"
	;;
"")
	if ! valid "$ref" || ! [[ "$ref" =~ ^v[0-9] ]]; then
		build_from checkout "the action's ref is not a release tag; use a tag such as idemlint/idemlint@v1.2.3 or set version"
	fi
	tag=$ref
	fallback=checkout
	;;
*)
	if ! valid "$version"; then
		echo "::error title=idemlint::version must be empty, source, latest, a tag such as v1.2.3 or a commit; got an invalid value" >&2
		exit 2
	fi
	if [ "$version" != latest ] && ! [[ "$version" =~ ^v[0-9] ]]; then
		build_from "module@$version" "version $version is not a release tag"
	fi
	tag=$version
	fallback=module@$version
	;;
esac

case "${RUNNER_OS:-$(uname -s)}" in
Linux) os=linux ;;
macOS | Darwin) os=darwin ;;
Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
*) os=unknown ;;
esac
case "${RUNNER_ARCH:-$(uname -m)}" in
X64 | x86_64 | amd64) arch=amd64 cache_arch=x64 ;;
ARM64 | aarch64 | arm64) arch=arm64 cache_arch=arm64 ;;
*) arch=unknown cache_arch=unknown ;;
esac

tmp=$(mktemp -d "$temp/idemlint-download.XXXXXX")
installed=""
cache_dir=""
cleanup() {
	rm -rf "$tmp"
	# Nothing half-installed stays in the tool cache.
	if [ -z "$installed" ] && [ -n "$cache_dir" ]; then
		rm -rf "$cache_dir" "$cache_dir.complete"
	fi
}
trap cleanup EXIT

# fetch URL FILE: download, printing the HTTP status (000: no answer).
fetch() {
	curl --silent --show-error --location --retry 2 --retry-delay 1 --connect-timeout 20 \
		--output "$2" --write-out '%{http_code}' "$1" 2>"$tmp/curl.err" || true
}

if [ "$tag" = latest ]; then
	base="$releases/latest/download"
else
	base="$releases/download/$tag"
fi

code=$(fetch "$base/checksums.txt" "$tmp/checksums.txt")
case "$code" in
200) ;;
404) build_from "$fallback" "no release $tag with a checksums.txt" ;;
000) die "downloading $base/checksums.txt failed: $(tr '\n' ' ' <"$tmp/curl.err")" ;;
*) die "downloading $base/checksums.txt failed: HTTP $code" ;;
esac

pattern="^[0-9a-f]{64}  idemlint_[A-Za-z0-9.-]+_${os}_${arch}\\.tar\\.gz\$"
lines=$(grep -E "$pattern" "$tmp/checksums.txt" || true)
case $(printf '%s' "$lines" | grep -c .) in
0) build_from "$fallback" "release $tag has no binary for $os/$arch" ;;
1) ;;
*) die "checksums.txt of release $tag lists several binaries for $os/$arch" ;;
esac
want=${lines%% *}
asset=${lines##* }
release_version=${asset#idemlint_}
release_version=${release_version%_"${os}"_"${arch}".tar.gz}

cache_root="$tool_cache/idemlint/$release_version"
if [ -f "$cache_root/$cache_arch.complete" ] && [ -x "$cache_root/$cache_arch/idemlint" ]; then
	echo "idemlint $release_version found in the tool cache"
	bin="$cache_root/$cache_arch/idemlint"
	installed=yes
else
	echo "Downloading $asset"
	code=$(fetch "$base/$asset" "$tmp/$asset")
	case "$code" in
	200) ;;
	000) die "downloading $base/$asset failed: $(tr '\n' ' ' <"$tmp/curl.err")" ;;
	404) die "release $tag lists $asset in checksums.txt, but the asset is missing (HTTP 404 from $base/$asset)" ;;
	*) die "downloading $base/$asset failed: HTTP $code" ;;
	esac
	if command -v sha256sum >/dev/null; then
		got=$(sha256sum "$tmp/$asset")
	else
		got=$(shasum -a 256 "$tmp/$asset")
	fi
	got=${got%% *}
	if [ "$got" != "$want" ]; then
		die "checksum mismatch for $asset: checksums.txt says $want, the download is $got; nothing was installed"
	fi
	mkdir "$tmp/x"
	tar -xzf "$tmp/$asset" -C "$tmp/x" idemlint 2>"$tmp/tar.err" ||
		die "$asset holds no idemlint binary: $(tr '\n' ' ' <"$tmp/tar.err")"
	[ -f "$tmp/x/idemlint" ] && [ ! -L "$tmp/x/idemlint" ] || die "$asset: idemlint is not a regular file"
	chmod 755 "$tmp/x/idemlint"
	"$tmp/x/idemlint" version >/dev/null 2>"$tmp/run.err" ||
		die "the idemlint of $asset does not run here: $(tr '\n' ' ' <"$tmp/run.err")"
	cache_dir="$cache_root/$cache_arch"
	rm -rf "$cache_dir" "$cache_dir.complete"
	mkdir -p "$cache_dir"
	mv "$tmp/x/idemlint" "$cache_dir/idemlint"
	# The marker the tool cache reads as "this version is complete".
	: >"$cache_dir.complete"
	installed=yes
	bin="$cache_dir/idemlint"
fi

"$bin" version
echo "bin=$bin" >>"${GITHUB_OUTPUT:-/dev/null}"
if [ -n "${GITHUB_PATH:-}" ]; then
	dirname "$bin" >>"$GITHUB_PATH"
fi

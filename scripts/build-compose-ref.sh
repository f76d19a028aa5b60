#!/usr/bin/env bash
# Builds tools/compose-ref (compose-go, the loader inside Docker Compose, as a CLI) into a per-user cache outside
# the repository and prints the binary's absolute path as the last line of stdout. The differential test runs it.
#
# The binary name carries the compose-go version and a hash of the tool's sources, so a cached build is reused
# (no Go invocation at all) until go.mod, go.sum or a .go file changes. Concurrent callers wait on a lock and the
# binary is renamed into place, so nobody runs a half-written file. Modules come from the Go module proxy and are
# checked against the committed go.sum.
set -euo pipefail
cd "$(dirname "$0")/../tools/compose-ref"

compose_go=$(awk '{ for (i = 1; i < NF; i++) if ($i == "github.com/compose-spec/compose-go/v2") print $(i + 1) }' go.mod)
sources_hash=$(cat go.mod go.sum ./*.go | sha256sum | cut -c1-12)
bin_dir="${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-webstack/bin"
binary="$bin_dir/compose-ref-${compose_go}-${sources_hash}"

if [[ -x "$binary" ]]; then
  echo "$binary"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "build-compose-ref: the 'go' command was not found; install Go >= 1.24 to build the compose-go reference" >&2
  exit 1
fi
mkdir -p "$bin_dir"
# Test files that need the tool start in parallel: one builds, the others wait here and then find the binary.
exec 9>"$bin_dir/.compose-ref.lock"
flock 9
if [[ ! -x "$binary" ]]; then
  partial="$binary.partial.$$"
  trap 'rm -f "$partial"' EXIT
  # The machine's Go builds it (go.mod needs only 1.24): never download a toolchain, never edit go.mod/go.sum.
  if ! GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath -o "$partial" . >&2; then
    echo "build-compose-ref: building compose-go $compose_go failed; its modules come from GOPROXY=$(go env GOPROXY)" >&2
    exit 1
  fi
  mv -f "$partial" "$binary"
fi
echo "$binary"

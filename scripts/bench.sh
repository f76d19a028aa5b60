#!/usr/bin/env bash
# `npm run bench`: builds, makes sure the measuring tools are there, then runs bench/run.ts, which prints a table
# and rewrites the generated section of docs/benchmarks.md. Arguments go to bench/run.ts, e.g.
#   npm run bench -- --runs 5 --groups example,scaling --scales 100,1000 --no-docs
# Tools: GNU time (Debian package `time`) measures peak RSS and CPU time; kompose v1.34.0 is the reference, built
# with `go install` into the tools cache of scripts/install-tools.sh. When the Go module proxy does not serve
# kompose, the benchmark runs without it and the report says why.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${WEBSTACK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-webstack}"
KOMPOSE_VERSION=v1.34.0

log() { printf 'bench: %s\n' "$*" >&2; }

install_time() {
  [[ -x /usr/bin/time ]] && return
  log "installing GNU time (Debian package time)"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
}

# One attempt per run: a refusal from the proxy is immediate, and its message lands in install.log for the report.
install_kompose() {
  local dir="$CACHE/kompose-$KOMPOSE_VERSION"
  [[ -x "$dir/bin/kompose" ]] && return
  mkdir -p "$dir"
  # The lock of scripts/install-tools.sh: installs into the shared cache never interleave.
  exec 9>"$CACHE/.install.lock"
  flock 9
  log "go install kompose $KOMPOSE_VERSION"
  if ! GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOBIN="$dir/bin" \
    go install -trimpath -ldflags="-s -w" "github.com/kubernetes/kompose@$KOMPOSE_VERSION" >"$dir/install.log" 2>&1; then
    log "kompose unavailable, benchmarking without it: $(tail -n 1 "$dir/install.log")"
  fi
  exec 9>&-
}

cd "$ROOT"
install_time
install_kompose
npm run --silent build
node build/bench/run.js "$@"

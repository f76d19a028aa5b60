#!/usr/bin/env bash
# `npm run bench`: builds, makes sure the measuring tools are there, then runs bench/run.ts, which prints a table
# and rewrites the generated section of docs/benchmarks.md. Arguments go to bench/run.ts, e.g.
#   npm run bench -- --runs 5 --groups example,scaling --scales 100,1000 --no-docs
# Tools: GNU time (Debian package `time`) measures peak RSS and CPU time; kompose v1.38.0 is the reference, built
# from ../shared/tools by scripts/install-tools.sh (`peers`). Without it the benchmark runs alone and says why.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

log() { printf 'bench: %s\n' "$*" >&2; }

install_time() {
  [[ -x /usr/bin/time ]] && return
  log "installing GNU time (Debian package time)"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
}

cd "$ROOT"
install_time
bash scripts/install-tools.sh peers
npm run --silent build
node build/bench/run.js "$@"

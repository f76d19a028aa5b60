#!/usr/bin/env bash
# The README's test command runs this after `npm ci`: install the e2e tools (a one-time build on a fresh machine,
# about a second when cached; see docs/cluster-tests.md), type-check everything, then the whole jest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
npx tsc -p tsconfig.test.json
# The compiled CLI: some tests run the real process (the bin's shebang, FIFOs, exit codes).
npm run build --silent
npx jest --ci "$@"

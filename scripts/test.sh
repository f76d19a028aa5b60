#!/usr/bin/env bash
# The README's test command runs this after `npm ci`: type-check everything, then the whole jest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.test.json
npx jest --ci "$@"

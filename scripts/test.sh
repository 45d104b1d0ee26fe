#!/usr/bin/env bash
# The whole test suite: installs what is missing (incl. the NumPy oracle and SwiftShader), builds,
# checks generated files and types, and runs vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# One OpenMP thread per test worker: two workers spinning on two cores collapse (ENVIRONMENT.md).
export OMP_NUM_THREADS=1 XDG_RUNTIME_DIR=/tmp
node scripts/gen-kernels.mjs --check
node node_modules/typescript/bin/tsc -p tsconfig.json --noEmit
node node_modules/vitest/vitest.mjs run "$@"

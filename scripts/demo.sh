#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs the array API demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node examples/array_basics.mjs

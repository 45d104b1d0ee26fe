#!/usr/bin/env bash
# Installs what quark needs on a fresh Debian/Ubuntu machine (as root), then builds.
# Every step checks first, so a second run with nothing changed takes a second or two.
#   scripts/setup.sh          build deps + npm deps + build
#   scripts/setup.sh --test   also the test oracles (NumPy 2, ml_dtypes) and SwiftShader for WebGPU
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '[setup] %s\n' "$*"; }

if ! command -v node >/dev/null 2>&1; then
  echo "[setup] Node.js >= 20 is required (node was not found)" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "[setup] Node.js >= 20 is required (found $(node --version))" >&2
  exit 1
fi

apt_pkgs=(cmake g++ ninja-build libdnnl-dev ocl-icd-opencl-dev opencl-c-headers python3 liblapacke-dev libopenblas-dev libkissfft-dev)
[ "$want_test" = 1 ] && apt_pkgs+=(chromium libvulkan1 python3-pip)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# python3 / pip may come from elsewhere (pyenv): only their absence counts.
filtered=()
for p in "${missing[@]}"; do
  case "$p" in
    python3) command -v python3 >/dev/null 2>&1 || filtered+=("$p") ;;
    python3-pip) python3 -m pip --version >/dev/null 2>&1 || filtered+=("$p") ;;
    *) filtered+=("$p") ;;
  esac
done
if [ "${#filtered[@]}" -gt 0 ]; then
  say "apt-get install ${filtered[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${filtered[@]}" >/dev/null
fi

if [ "$want_test" = 1 ]; then
  # NumPy 2 is the oracle (NEP 50 promotion); ml_dtypes lets it check bfloat16.
  if ! python3 -c 'import numpy, sys; sys.exit(0 if int(numpy.__version__.split(".")[0]) >= 2 else 1)' 2>/dev/null; then
    say "pip install numpy"
    python3 -m pip install -q 'numpy>=2' || python3 -m pip install -q --break-system-packages 'numpy>=2'
  fi
  if ! python3 -c 'import ml_dtypes' 2>/dev/null; then
    say "pip install ml_dtypes (optional: bfloat16 oracle)"
    python3 -m pip install -q ml_dtypes 2>/dev/null || python3 -m pip install -q --break-system-packages ml_dtypes 2>/dev/null || say "ml_dtypes unavailable: bfloat16 oracle tests will be skipped"
  fi
  # PyTorch (CPU) is the second gradient oracle (tests/autograd_torch.test.ts).
  if ! python3 -c 'import torch' 2>/dev/null; then
    say "pip install torch (CPU)"
    python3 -m pip install -q torch || python3 -m pip install -q --break-system-packages torch
  fi
fi

# npm dependencies: reinstall when the lockfile changed since the last install. A node_modules that is a
# symlink is a tree shared with another checkout (git worktrees): `npm ci` would empty the target, so it
# is left alone.
if [ -L node_modules ]; then
  say "node_modules is a symlink (shared tree): not reinstalling it"
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

node scripts/build.mjs

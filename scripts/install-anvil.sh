#!/usr/bin/env bash
# Installs anvil, the local EVM node the chain tests start (server/src/test/.../testsupport/Anvil.java), from the
# npm registry when it is missing: the package @foundry-rs/anvil, pinned, whose Linux binary ships inside the
# platform package @foundry-rs/anvil-linux-<arch>. Install scripts are not run (they would only fetch that same
# package). Installs outside the repository, under ${BOURSE_TOOLS_DIR:-~/.cache/bourse-tools}, and prints the
# binary's path (for BOURSE_ANVIL); messages go to stderr.
set -euo pipefail
version=1.7.1
tools="${BOURSE_TOOLS_DIR:-$HOME/.cache/bourse-tools}"
case "$(uname -m)" in
  aarch64|arm64) arch=arm64 ;;
  *) arch=amd64 ;;
esac
binary="$tools/node_modules/@foundry-rs/anvil-linux-$arch/bin/anvil"
if [ -x "$binary" ] && "$binary" --version 2>/dev/null | grep -q "Version: $version"; then
  echo "$binary"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "bourse: npm is needed to install anvil $version for the chain tests (apt-get install npm)" >&2
  exit 1
fi
echo "bourse: installing anvil $version (npm @foundry-rs/anvil) into $tools" >&2
mkdir -p "$tools"
npm install --prefix "$tools" --no-audit --no-fund --ignore-scripts --loglevel=error \
  "@foundry-rs/anvil@$version" "@foundry-rs/anvil-linux-$arch@$version" >&2
if [ ! -x "$binary" ]; then
  echo "bourse: npm installed @foundry-rs/anvil but $binary is missing" >&2
  exit 1
fi
echo "$binary"

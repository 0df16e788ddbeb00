#!/usr/bin/env bash
# Installs what the real-VS-Code test tiers need, without touching the user's own VS Code or home:
# code-server 4.100.3 (= VS Code 1.100.3, the last that runs on Node 20) and playwright-core into
# the project's .tools/, and Debian's chromium (plus libkrb5-dev for code-server's native module and
# ripgrep, whose binary seeds @vscode/ripgrep's download cache: no download from GitHub needed).
# Recipe: shared/reference/e2e-recipe.md §1.
set -euo pipefail
cd "$(dirname "$0")/.."

# --code-server-only: the sandbox needs no browser of ours (you open its URL in yours).
need=()
[ "${1:-}" = "--code-server-only" ] || command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -x .tools/node_modules/.bin/code-server ]; then
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  [ -f "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] || tar -C "$(dirname "$(command -v rg)")" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  mkdir -p .tools
  [ -f .tools/package.json ] || echo '{ "name": "locale-loop-test-tools", "private": true }' > .tools/package.json
  (cd .tools && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --no-save code-server@4.100.3 >/dev/null)
fi
echo "code-server $(node -p "require('./.tools/node_modules/code-server/package.json').version"), $(chromium --version 2>/dev/null || echo 'no chromium')"

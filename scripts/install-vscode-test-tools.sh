#!/usr/bin/env bash
# Installs what the real-VS-Code test tiers need, without touching the user's own VS Code or home:
# code-server 4.100.3 (= VS Code 1.100.3, the last that runs on Node 20) into the project's .tools/
# (or $LOCALE_LOOP_TOOLS_DIR), and from apt: chromium (to drive it), libkrb5-dev (code-server's
# native kerberos module) and ripgrep (whose binary seeds @vscode/ripgrep's download cache: no
# download from GitHub). One line per step on stdout. When it cannot install (no root or
# passwordless sudo for apt, no network) it prints ONE sentence saying what to run on stderr and
# exits 3. Recipe: shared/reference/e2e-recipe.md §1.
#   --no-browser (alias --code-server-only): skip Chromium (the sandbox opens its URL in your browser).
set -uo pipefail
cd "$(dirname "$0")/.."
tools="${LOCALE_LOOP_TOOLS_DIR:-.tools}"
version=4.100.3
fail() { echo "$1" >&2; exit 3; }

need_cs=0
[ -x "$tools/node_modules/.bin/code-server" ] || need_cs=1
need=()
case "${1:-}" in --no-browser|--code-server-only) ;; *) command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -n "${CHROMIUM:-}" ] || need+=(chromium) ;; esac
if [ $need_cs = 1 ]; then
  command -v rg >/dev/null || need+=(ripgrep)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
fi

if [ ${#need[@]} -gt 0 ]; then
  what="${need[*]}"
  command -v apt-get >/dev/null || fail "Cannot install $what here (no apt-get): install them with your package manager (or set CHROMIUM to a Chromium or Chrome binary), then run npm test again."
  if [ "$(id -u)" = 0 ]; then SUDO=""
  elif sudo -n true 2>/dev/null; then SUDO="sudo -n"
  else fail "Installing $what needs root: run \"sudo apt-get install -y $what\" (or set CHROMIUM to a Chromium or Chrome binary), then run npm test again."
  fi
  echo "• Installing $what with apt-get (about 30 s)…"
  $SUDO apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
    || fail "apt-get could not install $what (no network?): run \"sudo apt-get install -y $what\" when the package mirror is reachable, then run npm test again."
fi

if [ $need_cs = 1 ]; then
  echo "• Installing code-server $version into $tools/ (about 1–2 minutes, once)…"
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  # The seeded cache is only needed while npm installs; remove what we made (the test tiers fail
  # on anything left in the temp dir), keep a cache the user already had.
  [ -d "$cache" ] && made_cache=0 || made_cache=1
  mkdir -p "$cache" "$tools"
  [ -f "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] || tar -C "$(dirname "$(command -v rg)")" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  [ $made_cache = 1 ] && trap 'rm -rf "$cache"' EXIT
  [ -f "$tools/package.json" ] || echo '{ "name": "locale-loop-test-tools", "private": true }' > "$tools/package.json"
  log="$(cd "$tools" && pwd)/install.log"
  (cd "$tools" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --no-save "code-server@$version" >"$log" 2>&1) \
    || fail "npm could not install code-server $version into $tools/ (no network? details in $log): run \"npm run setup:vscode-test\" when the npm registry is reachable."
fi
echo "• Ready: code-server $(node -p "require(require('path').resolve('$tools/node_modules/code-server/package.json')).version"), $( (chromium --version || chromium-browser --version) 2>/dev/null || echo 'no Chromium (not needed for the sandbox)')"

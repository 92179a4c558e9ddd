#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 in a browser) for `npm run test:browser`.
#
# Only the npm registry and Debian's apt are reachable here, so code-server comes from npm with
# its install scripts skipped (its postinstall downloads ripgrep from GitHub) and its native
# modules are rebuilt one by one. The steps are those of ../shared/notes/real-editor.md.
#
# It goes to $JIANGGAO_CODE_SERVER_DIR (default ~/.cache/jianggao/code-server), outside the
# repository: code-server is a tool of the test, not a dependency of the project.
# Idempotent: a finished install leaves a marker and the next run only checks it.
set -euo pipefail

VERSION=4.100.3
CS="${JIANGGAO_CODE_SERVER_DIR:-$HOME/.cache/jianggao/code-server}"
MARKER="$CS/.installed-$VERSION"
ENTRY="$CS/node_modules/code-server/out/node/entry.js"
APT_PACKAGES=(libkrb5-dev pkg-config ripgrep chromium fonts-noto-cjk)

log() { printf '[setup-code-server] %s\n' "$*"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing apt packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
  log "code-server $VERSION already installed in $CS"
  exit 0
fi

log "installing code-server $VERSION into $CS (a few minutes)"
rm -rf "$CS"
mkdir -p "$CS"
cd "$CS"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$VERSION"

cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts
# npx inside these build scripts refuses to fetch without a TTY unless npm_config_yes is set.
for m in @parcel/watcher @vscode/spdlog native-watchdog kerberos node-pty; do
  log "building $m"
  npm_config_yes=true npm rebuild "$m" --ignore-scripts=false --loglevel=error >/dev/null
done
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts)

cd "$CS"
log "building argon2"
npm_config_yes=true npm rebuild argon2 --ignore-scripts=false --loglevel=error >/dev/null

node "$ENTRY" --version >/dev/null
touch "$MARKER"
log "code-server $VERSION ready: $ENTRY"

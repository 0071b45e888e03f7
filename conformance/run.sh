#!/usr/bin/env bash
# Conformance: runs the OFFICIAL novita-sandbox npm SDK (version pinned in package.json and
# package-lock.json), then E2B's `e2b` SDK 2.51 and 2.50 (pinned in e2b/), against a standalone
# sandbox4j local-server and fails if an SDK sees anything it does not expect: scenario.mjs
# (control plane), data-plane.mjs (commands and files inside a sandbox), e2b/scenario.mjs.
#
#   bash conformance/run.sh            (after ./mvnw -q -B install -DskipTests)
#   CONFORMANCE_VERBOSE=1 bash conformance/run.sh   also prints every HTTP exchange
#
# Needs: Node 20+ with npm (CI has them; the README's Maven test command does not need them),
# a JDK, and the local-server jar. Exit code: the scenario's (0 = all checks passed).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$ROOT/local-server/target/sandbox4j-local-server.jar"
OUT="$HERE/target"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

fail() { echo "conformance: $*" >&2; exit 1; }

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 \
    || fail "'$tool' is not installed. This check needs Node.js 20+ with npm (https://nodejs.org)."
done
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || fail "Node.js 20+ is required, found $(node --version)."
command -v "$JAVA" >/dev/null 2>&1 || fail "'$JAVA' not found: a JDK 17+ is needed to run the local server."
[ -f "$JAR" ] || fail "$JAR does not exist. Build it first, from the repository root:
    ./mvnw -q -B install -DskipTests"

cd "$HERE"
mkdir -p "$OUT"

# npm ci only when node_modules is missing or does not match the committed lockfile.
# $1: the package whose installed version must match the lock (run in the package's directory).
installed_matches_lock() {
  [ -f node_modules/.package-lock.json ] || return 1
  [ package-lock.json -nt node_modules/.package-lock.json ] && return 1
  node -e '
    const fs = require("fs")
    const want = require("./package-lock.json").packages["node_modules/" + process.argv[1]].version
    const pkg = "node_modules/" + process.argv[1] + "/package.json"
    const have = fs.existsSync(pkg) ? JSON.parse(fs.readFileSync(pkg, "utf8")).version : null
    process.exit(have === want ? 0 : 1)
  ' "$1" 2>/dev/null
}
if ! installed_matches_lock novita-sandbox; then
  echo "conformance: npm ci (installing the pinned official SDK)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# E2B's SDK, 2.51 and 2.50 (one lockfile of its own, so the Novita scenario's stays untouched).
if ! (cd e2b && installed_matches_lock e2b && installed_matches_lock e2b-2.50); then
  echo "conformance: npm ci in e2b/ (installing the pinned E2B SDKs)"
  (cd e2b && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "conformance: official SDK novita-sandbox@$(node -p 'require("./node_modules/novita-sandbox/package.json").version')"

PORT="$(node -e '
  const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })')"
KEY="conformance-$(node -p 'require("crypto").randomBytes(12).toString("hex")')"
URL="http://127.0.0.1:$PORT"
SERVER_LOG="$OUT/local-server.log"

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_server_log() {
  echo "---- last lines of $SERVER_LOG ----" >&2
  tail -n 40 "$SERVER_LOG" >&2 || true
  echo "----" >&2
}

echo "conformance: starting local-server on port $PORT"
"$JAVA" -jar "$JAR" --port "$PORT" --api-key "$KEY" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

# Ready = it answers HTTP at all (any status) on GET /v2/sandboxes.
ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    show_server_log
    fail "local-server exited before it answered on $URL"
  fi
  if node -e '
    fetch(process.argv[1] + "/v2/sandboxes?limit=1", { headers: { "X-API-KEY": process.argv[2] }, signal: AbortSignal.timeout(1000) })
      .then(() => process.exit(0), () => process.exit(1))' "$URL" "$KEY"; then
    ready=1
    break
  fi
  sleep 0.25
done
if [ -z "$ready" ]; then
  show_server_log
  fail "local-server did not answer on $URL within 30 s"
fi
echo "conformance: local-server answers on $URL"

set +e
env -u NOVITA_DEBUG -u NOVITA_ACCESS_TOKEN -u NOVITA_SANDBOX_URL -u NOVITA_DOMAIN \
  NOVITA_API_URL="$URL" NOVITA_API_KEY="$KEY" CONFORMANCE_WIRE_LOG="$OUT/wire.log" \
  node scenario.mjs
rc=$?
# The data plane: commands and files in a sandbox, envd routed by the Novita-Sandbox-Id header on
# the server's own port, which NOVITA_SANDBOX_URL points the SDK at.
echo "conformance: data plane (commands, files, watch) against $URL"
env -u NOVITA_DEBUG -u NOVITA_ACCESS_TOKEN -u NOVITA_DOMAIN \
  NOVITA_API_URL="$URL" NOVITA_SANDBOX_URL="$URL" NOVITA_API_KEY="$KEY" \
  node data-plane.mjs
data_rc=$?
[ "$rc" -eq 0 ] && rc=$data_rc
for e2b_package in e2b e2b-2.50; do
  env -u E2B_DEBUG -u E2B_DOMAIN -u E2B_SANDBOX_URL \
    E2B_API_URL="$URL" E2B_API_KEY="$KEY" CONFORMANCE_E2B_PACKAGE="$e2b_package" \
    CONFORMANCE_WIRE_LOG="$OUT/wire-$e2b_package.log" node e2b/scenario.mjs
  e2b_rc=$?
  [ "$rc" -ne 0 ] || rc=$e2b_rc
done
set -e

if [ "$rc" -ne 0 ]; then
  show_server_log
  echo "conformance: FAILED (exit $rc). Every HTTP exchange is in $OUT/wire*.log" >&2
else
  echo "conformance: OK. Every HTTP exchange is in $OUT/wire*.log"
fi
exit "$rc"

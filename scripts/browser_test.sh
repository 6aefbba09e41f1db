#!/usr/bin/env bash
# End-to-end test of the web UI in a real browser (headless Chromium driven by Playwright).
#
# Installs Debian's chromium when it is missing (as root) and the pinned playwright-core from
# tests/browser/package-lock.json, ingests the two sample articles (and a page whose text holds
# script tags) into a temporary store, starts `parallax serve` on a free loopback port, and runs
# tests/browser/story.spec.mjs against it. A screenshot of the story page is kept in
# $ARTIFACTS (default: target/browser-artifacts).
#
# Usage: scripts/browser_test.sh [PATH_TO_PARALLAX_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin="${1:-${CARGO_TARGET_DIR:-$root/target}/debug/parallax}"
export ARTIFACTS="${ARTIFACTS:-$root/target/browser-artifacts}"
mkdir -p "$ARTIFACTS"

if [ ! -x "$bin" ]; then
    echo "no parallax binary at $bin: run \`cargo build -p parallax\` first" >&2
    exit 1
fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "installing Debian's chromium" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "no Chromium at $CHROMIUM: install Debian's chromium package (apt-get install chromium) or set CHROMIUM" >&2
        exit 1
    fi
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

data=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

"$bin" --data "$data" ingest examples/tvn24-copy-isisk.en.txt examples/omni-isk-analyser.sv.txt
"$bin" --data "$data" ingest tests/browser/data/
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" --data "$data" serve --addr "127.0.0.1:$port" >"$ARTIFACTS/server.log" 2>&1 &
server=$!
export PARALLAX_URL="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('$PARALLAX_URL/api/health', timeout=1)" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "parallax serve exited; its log:" >&2
        cat "$ARTIFACTS/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
node tests/browser/story.spec.mjs

#!/usr/bin/env bash
# The live preview in a real browser: installs Debian's Chromium and playwright-core (pinned, from
# npm), starts `cvgen watch --preview` on a copy of the example, and runs preview.mjs against it.
# Also checks that the server refuses a foreign Host header (DNS rebinding). Run by .ci/run after
# `cargo test`, with the binary that run built. Usage: tests/browser/preview.sh [SCREENSHOT.png]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cvgen="${CARGO_TARGET_DIR:-$root/target}/debug/cvgen"
[ -x "$cvgen" ] || { echo "preview e2e: no $cvgen (run cargo test first)" >&2; exit 1; }
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
tools="$(mktemp -d)"
work="$(mktemp -d)"
cleanup() { [ -n "${watch_pid:-}" ] && kill "$watch_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tools" "$work"; }
trap cleanup EXIT
(cd "$tools" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund playwright-core@1.64.1 >/dev/null)
cp "$root/profile.yaml" "$root/refs.bib" "$work/"
port=3917
"$cvgen" watch --preview --port "$port" --profile "$work/profile.yaml" -o "$work/cv.pdf" 2>"$work/watch.log" &
watch_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  sleep 0.1
done
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: rebound.example:$port" "http://127.0.0.1:$port/")
[ "$status" = 403 ] || { echo "preview e2e: a foreign Host header got $status, not 403" >&2; exit 1; }
cp "$root/tests/browser/preview.mjs" "$tools/"
if ! node "$tools/preview.mjs" "http://127.0.0.1:$port/" "$work/profile.yaml" "${1:-}"; then
  echo "--- cvgen watch's stderr:" >&2; cat "$work/watch.log" >&2; exit 1
fi
# The PDF is written once the edits pause.
for _ in $(seq 1 50); do [ -s "$work/cv.pdf" ] && break; sleep 0.1; done
[ -s "$work/cv.pdf" ] || { echo "preview e2e: no PDF written after the edits paused" >&2; cat "$work/watch.log" >&2; exit 1; }
echo "preview e2e: the PDF was written after the edits paused"

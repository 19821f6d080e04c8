#!/usr/bin/env bash
# bin/ayo4j execs the JVM, so kill -TERM of the launcher's pid reaches the JVM itself: the encoder
# server stops accepting, answers the request in flight, exits and frees its port, and the launcher's
# per-process temporary folder is gone.
# Usage: term-drains-encoder-server.sh REPOSITORY_ROOT
set -euo pipefail
root="$1"
work="$(mktemp -d)"
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
pid=""
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$root/bin/ayo4j" serve encoder --port 0 --policy fifo-fixed --grace PT30S > "$work/out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q '^serving ' "$work/out" && break
  kill -0 "$pid" 2>/dev/null || { echo "server died:"; cat "$work/out"; exit 1; }
  sleep 0.1
done
url="$(sed -n 's/^serving .* on \(http[^ ]*\)$/\1/p' "$work/out")"
[ -n "$url" ] || { echo "server did not start:"; cat "$work/out"; exit 1; }
comm="$(cat /proc/$pid/comm)"
[ "$comm" = java ] || { echo "pid $pid is '$comm', not the JVM: the launcher did not exec it"; exit 1; }
[ -d "$TMPDIR/ayo4j-pid-$pid" ] || { echo "no per-process folder $TMPDIR/ayo4j-pid-$pid"; exit 1; }

# A request that keeps the single encoder thread busy for a while: 128 texts of ~200 tokens.
python3 - "$work/body.json" <<'PY'
import json, sys
texts = [" ".join(f"token{i}x{j}" for j in range(60)) for i in range(128)]
json.dump({"inputs": texts}, open(sys.argv[1], "w"))
PY
curl -s -o "$work/answer" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary "@$work/body.json" "$url/embed" > "$work/status" &
client=$!
sleep 0.5
kill -TERM "$pid"
wait "$client" || true
status="$(cat "$work/status")"
[ "$status" = 200 ] || { echo "the request in flight got '$status', not 200:"; cat "$work/answer" "$work/out"; exit 1; }
for _ in $(seq 1 300); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then echo "JVM $pid still runs 30 s after TERM"; exit 1; fi
wait "$pid" 2>/dev/null || true
pid=""
port="${url##*:}"
if curl -s -o /dev/null --max-time 2 "$url/health"; then echo "port $port still answers after TERM"; exit 1; fi
left="$(ls -d "$TMPDIR"/ayo4j-pid-* 2>/dev/null || true)"
[ -z "$left" ] || { echo "temporary folders left after exit: $left"; exit 1; }
grep -q 'TERM: stopping, answering the requests in flight' "$work/out" || { echo "no drain message:"; cat "$work/out"; exit 1; }
echo ok

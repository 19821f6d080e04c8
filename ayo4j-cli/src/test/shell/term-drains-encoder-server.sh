#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# The encoder server's guards, then its stop. Without API keys it refuses a non-loopback address.
# Connections that send half a header are closed after the read timeout, and those over the cap at
# once. bin/ayo4j execs the JVM, so kill -TERM of the launcher's pid reaches the JVM itself: the
# server stops accepting, answers the request in flight, exits and frees its port, and the
# launcher's per-process temporary folder is gone.
# Usage: term-drains-encoder-server.sh REPOSITORY_ROOT
set -euo pipefail
root="$1"
work="$(mktemp -d)"
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
pid=""
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
set +e
refused="$("$root/bin/ayo4j" serve encoder --host 0.0.0.0 --port 0 2>&1)"
rc=$?
set -e
if [ "$rc" -eq 0 ] || ! grep -q 'refusing to listen on 0.0.0.0' <<< "$refused"; then
  echo "a non-loopback --host without keys was not refused (exit $rc):"; echo "$refused"; exit 1
fi

"$root/bin/ayo4j" serve encoder --port 0 --policy fifo-fixed --grace PT120S --read-timeout PT2S \
  --max-connections 20 > "$work/out" 2>&1 &
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

# 30 clients send half a header and wait: 10 are over the cap and closed at once, the other 20 after
# the read timeout; then the server answers again.
python3 - "${url##*:}" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
socks = []
for _ in range(30):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /embed HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
    socks.append(s)
    time.sleep(0.02)
def closed(s, wait):
    s.settimeout(wait)
    try:
        return s.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False
time.sleep(0.5)
early = sum(closed(s, 0.05) for s in socks)
if early < 10:
    sys.exit(f"only {early} of 30 connections closed at once; the cap is 20")
deadline = time.time() + 8
still = [s for s in socks if not closed(s, max(0.05, deadline - time.time()))]
if still:
    sys.exit(f"{len(still)} half-header connections still open 8 s after the 2 s read timeout")
PY
curl -sf -o /dev/null --max-time 5 "$url/health" || { echo "no health answer after the slow clients"; exit 1; }

# A request that keeps the single encoder thread busy for a while: 40 texts of ~128 tokens.
python3 - "$work/body.json" <<'PY'
import json, sys
texts = [" ".join(f"token{i}x{j}" for j in range(60)) for i in range(40)]
json.dump({"inputs": texts}, open(sys.argv[1], "w"))
PY
curl -s -o "$work/answer" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary "@$work/body.json" "$url/embed" > "$work/status" &
client=$!
# TERM once the request is in the server: its texts are queued behind the first batch.
for _ in $(seq 1 60); do
  curl -s --max-time 2 "$url/health" | grep -Eq '"queued":[1-9]' && break
  sleep 0.05
done
kill -TERM "$pid"
wait "$client" || true
status="$(cat "$work/status")"
[ "$status" = 200 ] || { echo "the request in flight got '$status', not 200:"; cat "$work/answer" "$work/out"; exit 1; }
for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then echo "JVM $pid still runs 60 s after TERM"; exit 1; fi
wait "$pid" 2>/dev/null || true
pid=""
port="${url##*:}"
if curl -s -o /dev/null --max-time 2 "$url/health"; then echo "port $port still answers after TERM"; exit 1; fi
left="$(ls -d "$TMPDIR"/ayo4j-pid-* 2>/dev/null || true)"
[ -z "$left" ] || { echo "temporary folders left after exit: $left"; exit 1; }
grep -q 'TERM: stopping, answering the requests in flight' "$work/out" || { echo "no drain message:"; cat "$work/out"; exit 1; }
echo ok

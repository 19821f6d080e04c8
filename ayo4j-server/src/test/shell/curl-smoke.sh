#!/usr/bin/env bash
# curl against a running ayo4j server: the OpenAI front plain and streaming, ayo4j's run API, and errors.
# Usage: curl-smoke.sh BASE_URL API_KEY EXPECTED_ANSWER_FRAGMENT
set -euo pipefail
base="$1"; key="$2"; expect="$3"
auth=(-H "Authorization: Bearer $key")
json=(-H "Content-Type: application/json")
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health")" = 200 ] || fail "/health"
curl -sf "${auth[@]}" "$base/v1/models" | grep -q '"advanced-rag"' || fail "/v1/models lists no advanced-rag"

chat='{"model": "naive-rag", "messages": [{"role": "user", "content": "How are vectors stored?"}]}'
out="$(curl -sf "${auth[@]}" "${json[@]}" -d "$chat" "$base/v1/chat/completions")"
grep -qF "$expect" <<<"$out" || fail "chat answer: $out"
grep -q '"total_tokens"' <<<"$out" || fail "chat usage: $out"

stream='{"model": "naive-rag", "stream": true, "messages": [{"role": "user", "content": "How are vectors stored?"}]}'
events="$(curl -sfN "${auth[@]}" "${json[@]}" -d "$stream" "$base/v1/chat/completions")"
grep -q '^data: {.*"chat.completion.chunk"' <<<"$events" || fail "no chunks: $events"
[ "$(grep '^data:' <<<"$events" | tail -1)" = "data: [DONE]" ] || fail "stream does not end in data: [DONE]"

run="$(curl -sf "${auth[@]}" "${json[@]}" -d '{"question": "How are vectors stored?"}' "$base/v1/apps/naive-rag/runs")"
id="$(grep -o '"id":"run-[^"]*"' <<<"$run" | head -1 | cut -d'"' -f4)"
curl -sf "${auth[@]}" "$base/v1/runs/$id/trace" | grep -q '"critical_path_ms"' || fail "trace of $id"

[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/models")" = 401 ] || fail "no key must be 401"
code="$(curl -s -o /tmp/ayo4j-curl-err.$$ -w '%{http_code}' "${auth[@]}" "${json[@]}" -d '{"model":' "$base/v1/chat/completions")"
[ "$code" = 400 ] || fail "malformed JSON gave $code"
grep -q '"invalid_request_error"' /tmp/ayo4j-curl-err.$$ || fail "error body: $(cat /tmp/ayo4j-curl-err.$$)"
rm -f /tmp/ayo4j-curl-err.$$
echo "curl smoke test passed"

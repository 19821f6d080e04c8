#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# curl against a running ayo4j server: the OpenAI front plain and streaming, ayo4j's run API, a multipart
# upload, and errors.
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

# Text files as multipart; uploading again replaces the same documents.
doc="$(mktemp --suffix=.md)"
printf '# Uploaded\nLucene stores the passages and their vectors in an HNSW index.\n' > "$doc"
collection="curl-upload"
count() { curl -sf "${auth[@]}" "$base/v1/collections" | grep -o "\"name\":\"$collection\",\"passages\":[0-9]*" | grep -o '[0-9]*$'; }
up="$(curl -sf "${auth[@]}" -F "id=notes/uploaded.md" -F "file=@$doc" "$base/v1/collections/$collection/documents")"
grep -q '"documents":1' <<<"$up" || fail "multipart upload: $up"
first="$(count)"
[ -n "$first" ] && [ "$first" -gt 0 ] || fail "no passages after the multipart upload"
curl -sf "${auth[@]}" -F "id=notes/uploaded.md" -F "file=@$doc" "$base/v1/collections/$collection/documents" >/dev/null \
  || fail "multipart upload again"
[ "$(count)" = "$first" ] || fail "uploading again changed $first passages to $(count)"
printf 'caf\xe9\n' > "$doc"
code="$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -F "file=@$doc" "$base/v1/collections/$collection/documents")"
[ "$code" = 422 ] || fail "a non-UTF-8 file gave $code"
rm -f "$doc"

[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/models")" = 401 ] || fail "no key must be 401"
code="$(curl -s -o /tmp/ayo4j-curl-err.$$ -w '%{http_code}' "${auth[@]}" "${json[@]}" -d '{"model":' "$base/v1/chat/completions")"
[ "$code" = 400 ] || fail "malformed JSON gave $code"
grep -q '"invalid_request_error"' /tmp/ayo4j-curl-err.$$ || fail "error body: $(cat /tmp/ayo4j-curl-err.$$)"
rm -f /tmp/ayo4j-curl-err.$$
echo "curl smoke test passed"

#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# A 50,000-character question passed on bin/ayo4j's command line reaches the LLM and fails with the
# engine's clear "has N tokens, but a slot holds M" error, instead of the JVM dying (ONNX Runtime reads
# /proc/self/cmdline and crashed on command lines over about 4 KB). An empty question from standard
# input is refused before any engine loads.
# Usage: long-question.sh REPOSITORY_ROOT
set -euo pipefail
root="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export AYO4J_HOME="$work/home"
mkdir -p "$work/docs"
echo "The llama is a domesticated South American camelid, used as a pack animal." > "$work/docs/llama.md"
"$root/bin/ayo4j" model synth --kind chain --text "a short answer" --out "$work/chain.gguf" > /dev/null

question="$(printf 'word%d ' $(seq 1 9000))"
question="${question:0:50000}"
set +e
out="$("$root/bin/ayo4j" run --app naive-rag --docs "$work/docs" --question "$question" --model "$work/chain.gguf" 2>&1)"
rc=$?
set -e
if [ "$rc" -ne 1 ] || ! grep -Eq 'has [0-9]+ tokens, but a slot of engine llm holds [0-9]+' <<< "$out"; then
  echo "expected exit 1 with the prompt-size error, got exit $rc:"; tail -c 2000 <<< "$out"; exit 1
fi

set +e
out="$(printf '  \n' | "$root/bin/ayo4j" run --docs "$work/docs" --question-file - --model "$work/chain.gguf" 2>&1)"
rc=$?
set -e
if [ "$rc" -ne 2 ] || ! grep -q 'the question is empty (read from standard input)' <<< "$out"; then
  echo "expected exit 2 for an empty question from standard input, got exit $rc:"; echo "$out"; exit 1
fi
echo ok

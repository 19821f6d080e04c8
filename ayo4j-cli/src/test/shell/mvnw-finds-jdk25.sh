#!/usr/bin/env bash

# SPDX-License-Identifier: Apache-2.0

# The README's test command works on a machine whose default java is older than 25 and where
# JAVA_HOME is unset: ./mvnw finds a JDK 25 itself, and the enforcer (which needs 25) passes.
# Usage: mvnw-finds-jdk25.sh REPOSITORY_ROOT
set -euo pipefail
root="$1"
cd "$root"
clean_env=(env -i HOME="$HOME" PATH=/usr/bin:/bin TMPDIR="${TMPDIR:-/tmp}")
version="$("${clean_env[@]}" ./mvnw -B -ntp -o -v 2>&1)" || { echo "$version"; exit 1; }
echo "$version" | grep -Eq '^Java version: (2[5-9]|[3-9][0-9])' \
  || { echo "mvnw did not run Maven on a JDK 25:"; echo "$version"; exit 1; }
out="$("${clean_env[@]}" ./mvnw -B -ntp -o -q -N validate 2>&1)" \
  || { echo "./mvnw -N validate failed with JAVA_HOME unset:"; echo "$out"; exit 1; }
echo "ok: $(echo "$version" | grep '^Java version')"

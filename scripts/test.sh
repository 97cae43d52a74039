#!/usr/bin/env bash
# `npm test`: typecheck, lint, then every suite (unit, integration, e2e) inside a private D-Bus session with an
# unlocked throwaway GNOME keyring, so the keychain tests talk to a real Secret Service and never to the user's.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=("chromium (e2e tests drive Debian's Chromium): apt-get install -y chromium")
command -v dbus-run-session >/dev/null 2>&1 || missing+=("dbus-run-session (private D-Bus for the keychain tests): apt-get install -y dbus-daemon")
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=("gnome-keyring-daemon (a real Secret Service): apt-get install -y gnome-keyring")
command -v pdftotext >/dev/null 2>&1 || missing+=("pdftotext (case-report tests read the PDFs back): apt-get install -y poppler-utils")
if [ ${#missing[@]} -gt 0 ]; then
  echo "npm test cannot run; missing:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  echo "(.ci/run installs all of them.)" >&2
  exit 1
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Typecheck, lint and build do not depend on each other: run them side by side (2 cores) and print each one's
# output under its heading once all are done. Any failure stops here, before the tests.
checks=(typecheck lint build)
declare -A pids
( npm run --silent typecheck ) >"$results/typecheck.log" 2>&1 & pids[typecheck]=$!
( npm run --silent lint ) >"$results/lint.log" 2>&1 & pids[lint]=$!
( npx electron-vite build >/dev/null ) >"$results/build.log" 2>&1 & pids[build]=$!
failed=()
for c in "${checks[@]}"; do
  code=0
  wait "${pids[$c]}" || code=$?
  echo "== $c"
  cat "$results/$c.log"
  [ "$code" -eq 0 ] || failed+=("$c")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}" >&2
  node scripts/test-summary.mjs "$results/none.json" || true
  exit 1
fi

echo "== tests (unit + integration, then slow integration, then e2e; see vitest.config.ts)"
status=0
scripts/with-test-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json" "$@" || status=$?
node scripts/test-summary.mjs "$results/vitest.json" || true
exit $status

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

echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== build"; npx electron-vite build >/dev/null

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
echo "== tests (unit, integration, e2e)"
status=0
scripts/with-test-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json" "$@" || status=$?
node scripts/test-summary.mjs "$results/vitest.json" || true
exit $status

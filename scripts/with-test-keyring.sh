#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked throwaway GNOME keyring (a real Secret Service),
# under a throwaway HOME, so tests and benchmarks never touch the user's own keychain.
set -euo pipefail
test_home=$(mktemp -d)
trap 'rm -rf "$test_home"' EXIT
HOME="$test_home" XDG_DATA_HOME="$test_home/.local/share" dbus-run-session -- sh -c '
  echo -n countersign-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' sh "$@"

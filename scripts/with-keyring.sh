#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so tests use a
# real Secret Service without touching the developer's own keyring. Without dbus-run-session
# or gnome-keyring-daemon the command runs as it is (the keychain test then skips, unless
# LOOMCAST_REQUIRE_KEYCHAIN=1, as in CI, where it fails instead).
set -euo pipefail
if [ "${LOOMCAST_IN_KEYRING:-}" = 1 ] || ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
KR=$(mktemp -d)
trap 'rm -rf "$KR"' EXIT
# With DISPLAY set and no unlocked keyring, libsecret would ask for a password on screen.
env -u DISPLAY XDG_DATA_HOME="$KR/data" XDG_CACHE_HOME="$KR/cache" LOOMCAST_IN_KEYRING=1 \
  dbus-run-session -- bash -c 'echo -n loomcast-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' _ "$@" 2> >(grep -v "Failed to set fd limit" >&2)

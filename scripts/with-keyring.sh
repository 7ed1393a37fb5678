#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so tests use a
# real Secret Service without touching the developer's own keyring. Without dbus-run-session
# or gnome-keyring-daemon the command runs as it is (the keychain test then skips, unless
# LOOMCAST_REQUIRE_KEYCHAIN=1, as in CI, where it fails instead).
#
# Unlocking returns before the keyring is ready to serve: a client that comes too early can
# make gnome-keyring ask its (absent) system prompter to create the default collection, after
# which every keychain call blocks for good. So before the command starts, a real write, read
# and delete through @napi-rs/keyring (as the app does it) must succeed, each try bounded in
# time; a keyring that stays stuck is replaced by a fresh daemon, a few times at most.
set -euo pipefail
if [ "${LOOMCAST_IN_KEYRING:-}" = 1 ] || ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KR=$(mktemp -d)
trap 'rm -rf "$KR"' EXIT
# The test keyring's password: the first daemon and any restarted one (below) unlock with it.
PASSWORD=loomcast-test

# One round trip to the Secret Service, as the app makes it; exits 0 only if all of it worked.
ROUND_TRIP='
const { createRequire } = require("node:module");
const { AsyncEntry } = createRequire(process.argv[1] + "/package.json")("@napi-rs/keyring");
(async () => {
  const entry = new AsyncEntry("loomcast-keyring-ready", `probe-${process.pid}`, { linux: { store: "secret-service" } });
  await entry.setPassword("ready");
  const back = await entry.getPassword();
  if (back !== "ready") throw new Error(`read back ${JSON.stringify(back)}`);
  await entry.deleteCredential();
})().catch((err) => {
  console.error(err.message);
  process.exit(1);
});'

SESSION='
unlock() { printf %s "$PASSWORD" | gnome-keyring-daemon "$@" --unlock --components=secrets >/dev/null; }
unlock
if [ -d "$ROOT/node_modules/@napi-rs/keyring" ]; then
  ready=""
  for round in 1 2 3; do
    for try in 1 2 3 4 5; do
      timeout 5 node -e "$ROUND_TRIP" "$ROOT" 2>"$KR/last-error"
      rc=$?
      [ $rc = 0 ] && { ready=1; break 2; }
      [ $rc = 124 ] && echo "no answer within 5 s" >"$KR/last-error"
      sleep 0.5
    done
    echo "with-keyring: the keyring did not store a test secret (${round}/3: $(grep -m1 . "$KR/last-error" || true)); starting a fresh one" >&2
    unlock --replace 2>/dev/null
  done
  [ -n "$ready" ] || echo "with-keyring: the keyring never stored a test secret; keychain tests will fail (or skip without LOOMCAST_REQUIRE_KEYCHAIN=1)" >&2
fi
unset ROOT KR ROUND_TRIP PASSWORD
exec "$@"'

# If the daemon goes away mid-run (seen once in CI), D-Bus starts the Secret Service again on
# the next request. Its stock service file starts a daemon that cannot unlock the keyring (the
# password was given only to the first), so every keychain call after that fails. This session's
# own service file, found first through XDG_DATA_HOME, starts it unlocked instead.
mkdir -p "$KR/data/dbus-1/services"
cat >"$KR/data/dbus-1/services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh -c 'printf %s $PASSWORD | exec gnome-keyring-daemon --foreground --unlock --components=secrets'
SERVICE

# With DISPLAY set and no unlocked keyring, libsecret would ask for a password on screen.
env -u DISPLAY XDG_DATA_HOME="$KR/data" XDG_CACHE_HOME="$KR/cache" LOOMCAST_IN_KEYRING=1 ROOT="$ROOT" KR="$KR" ROUND_TRIP="$ROUND_TRIP" PASSWORD="$PASSWORD" \
  dbus-run-session -- bash -c "$SESSION" _ "$@" 2> >(grep -v "Failed to set fd limit" >&2)

#!/usr/bin/env bash
# `npm test`: build once, then every suite (vitest: unit + integration; Playwright: end to end
# in Chromium), all inside one private keyring session. Runs both suites even if the first
# fails, so a report always shows the whole picture.
set -uo pipefail
cd "$(dirname "$0")/.."
npx electron-vite build >/tmp/loomcast-build.log 2>&1 || { cat /tmp/loomcast-build.log; exit 1; }
exec scripts/with-keyring.sh bash -c 'npx vitest run; v=$?; npx playwright test; p=$?; exit $(( v || p ))'

#!/usr/bin/env bash
# `npm test`: build once, then every suite (vitest: unit + integration; Playwright: end to end
# in Chromium), all inside one private keyring session. Runs both suites even if the first
# fails, so a report always shows the whole picture. The browser is found by
# scripts/find-chromium.cjs (LOOMCAST_CHROMIUM, CHROME_PATH, Debian's chromium, Google Chrome,
# Playwright's own); without one, a single line says how to get one, vitest still runs, and the
# end-to-end suite counts as not run (failed) in the summary.
set -uo pipefail
cd "$(dirname "$0")/.."
npx electron-vite build >/tmp/loomcast-build.log 2>&1 || { cat /tmp/loomcast-build.log; exit 1; }

mkdir -p .tmp
rm -f .tmp/playwright-not-run
if chromium=$(node scripts/find-chromium.cjs 2>.tmp/find-chromium.err); then
  export LOOMCAST_CHROMIUM="$chromium"
  exec scripts/with-keyring.sh bash -c 'npx vitest run; v=$?; npx playwright test; p=$?; exit $(( v || p ))'
fi

hint=$(cat .tmp/find-chromium.err)
echo "e2e: not run. $hint"
# A report from an earlier run must not stand in for this one.
rm -f .playwright-results.json
echo "$hint" >.tmp/playwright-not-run
scripts/with-keyring.sh npx vitest run
exit 1

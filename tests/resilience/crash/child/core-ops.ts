/** Operations through the whole core: publishing (with its restart recovery), CSV import, metric collection. */
import { readFileSync } from 'node:fs';
import { createCore, type Core } from '../../../../electron/core';
import { systemClock, type Clock } from '../../../../electron/core/deps';
import { mastodonClient } from '../../../../electron/core/platforms/mastodon';
import { xClient } from '../../../../electron/core/platforms/x';
import { fileVault } from './file-vault';
import type { OpArgs, OpName } from './ops';

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

export function openCore(a: OpArgs, o: { autoStart: boolean; clock?: Clock }): Promise<Core> {
  return createCore({
    dataDir: a.dataDir,
    vault: fileVault(a.vaultFile!),
    clock: o.clock ?? systemClock,
    log: quiet,
    notifier: { notify() {} },
    mode: 'browser',
    defaultZone: 'UTC',
    defaultLocale: 'en-GB',
    clients: { x: xClient, mastodon: mastodonClient },
    platformBaseUrls: a.baseUrls ?? {},
    publishing: { autoStart: o.autoStart, requestTimeoutMs: 5_000 },
  });
}

async function must(core: Core, channel: string, input: unknown): Promise<unknown> {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function prepare(op: OpName, a: OpArgs): Promise<() => Promise<void>> {
  if (op === 'publish') {
    // The kill may land while the core starts and settles the last run's leftovers, or mid-send.
    const offset = a.clockOffsetMs ?? 0;
    return async () => {
      const core = await openCore(a, { autoStart: true, clock: { now: () => Date.now() + offset, setTimer: systemClock.setTimer } });
      await core.services.scheduler.wake();
      await core.close();
    };
  }
  if (op === 'csv') {
    const core = await openCore(a, { autoStart: false });
    const csv = readFileSync(a.csv!, 'utf8');
    return async () => {
      const preview = (await must(core, 'io:importPreview', { csv })) as { rows: { line: number; fields: unknown; skip: boolean }[] };
      await must(core, 'io:importCommit', { importId: a.importId, rows: preview.rows.map((r) => ({ line: r.line, fields: r.fields, skip: r.skip })) });
      await core.close();
    };
  }
  if (op === 'metrics') {
    const offset = a.clockOffsetMs ?? 0;
    const core = await openCore(a, { autoStart: false, clock: { now: () => Date.now() + offset, setTimer: systemClock.setTimer } });
    return async () => {
      await core.services.metrics.sweep();
      await core.close();
    };
  }
  throw new Error(`unknown core op ${op}`);
}

/**
 * Checking import rows, many at a time: the circumstances every row is checked in (the
 * creator's accounts, campaigns, zone and the platforms' rules), a few hundred rows between
 * progress reports so the creator sees how far a big file got and the core keeps answering
 * other calls, and the preview's checks kept for the commit (check-cache.ts).
 */
import { IMPORT_PROGRESS_STEP } from '../../../../shared/contract/features/io';
import type { ChannelParsedInput } from '../../../../shared/contract';
import type { FeatureDeps } from '../types';
import { resolveAccounts, type AccountsResult, type KnownAccount } from './accounts-ref';
import { platformFeatures } from './capabilities';
import { circumstancesKey, createMeasureCache, createPreviewCache, type CheckedRow } from './check-cache';
import { createImportGuard } from './import-guard';
import { createLocalResolver } from './local-resolver';
import { createMediaInspector } from './media-files';
import { checkRow, type CheckContext, type RowInput } from './validate';
import { nextTurn } from '../../turn';
import { localeDateOrder } from '../../../../shared/domain/datetime-format';

export type Options = ChannelParsedInput<'io:importCheck'>['options'];

type Deps = Pick<FeatureDeps, 'db' | 'clock' | 'zone' | 'dateFormat' | 'capabilities' | 'log'>;

export interface CheckRun {
  ctx: CheckContext;
  /** The digest of ctx besides the clock: a preview's checks hold while it is unchanged. */
  circumstances: string;
}

export function createRowChecker(deps: Deps) {
  const { db } = deps;
  const stmts = {
    accounts: db.prepare('SELECT id, platform, handle, server_url AS serverUrl FROM accounts ORDER BY platform, handle'),
    campaigns: db.prepare('SELECT id, name FROM campaigns ORDER BY id'),
  };
  const measure = createMeasureCache();
  const previews = createPreviewCache();
  const guardRows = createImportGuard(deps);

  function prepare(options: Options): CheckRun {
    const clock = createLocalResolver();
    const campaignRows = stmts.campaigns.all() as { id: string; name: string }[];
    const campaigns = new Map<string, { id: string; name: string }[]>();
    for (const c of campaignRows) {
      const key = c.name.trim().toLowerCase();
      campaigns.set(key, [...(campaigns.get(key) ?? []), c]);
    }
    const accounts = stmts.accounts.all() as KnownAccount[];
    const zone = options.zone ?? deps.zone();
    const format = deps.dateFormat();
    const dateOrder = options.dateOrder ?? localeDateOrder(format.locale);
    const resolved = new Map<string, AccountsResult>();
    const ctx: CheckContext = {
      now: deps.clock.now(),
      zone,
      dateOrder,
      format,
      accounts,
      campaigns,
      inspectMedia: createMediaInspector(options.mediaFolder || undefined),
      features: platformFeatures(deps.capabilities),
      resolveLocal: clock.resolve,
      isKnownZone: clock.isKnownZone,
      zoneProblem: clock.zoneProblem,
      resolveAccounts: (cell) => {
        let r = resolved.get(cell);
        if (!r) resolved.set(cell, (r = resolveAccounts(cell, accounts)));
        return r;
      },
      measure,
    };
    return { ctx, circumstances: circumstancesKey([zone, dateOrder, options.mediaFolder ?? '', accounts, campaignRows]) };
  }

  /**
   * Checks rows in chunks, reporting after each, then (with `guard`) runs the duplicate guard
   * over them all. `reuse` answers a row's earlier check when its line's
   * fields are unchanged; only a valid check still in the future is taken (an error is looked at
   * again: the creator may have added the missing file since).
   */
  async function checkRows(
    rows: readonly RowInput[],
    run: CheckRun,
    opts: {
      guard: boolean;
      reuse?: ((line: number, fields: RowInput['fields']) => CheckedRow | undefined) | null;
      progress?: (done: number, total: number) => void;
      /** Asked between chunks: true stops the check (the creator cancelled), with `cancelled` set in the answer. */
      stop?: () => boolean;
    },
  ): Promise<{ checked: CheckedRow[]; rechecked: number; cancelled: boolean }> {
    const checked: CheckedRow[] = [];
    let rechecked = 0;
    opts.progress?.(0, rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const kept = opts.reuse?.(row.line, row.fields);
      let c: CheckedRow;
      if (kept?.plan && kept.plan.epochMs > run.ctx.now) {
        c = { result: { ...kept.result, line: row.line, skip: row.skip, fields: row.fields }, plan: kept.plan };
      } else {
        c = checkRow(row, run.ctx);
        rechecked++;
      }
      checked.push(c);
      if ((i + 1) % IMPORT_PROGRESS_STEP === 0 && i + 1 < rows.length) {
        opts.progress?.(i + 1, rows.length);
        // Lets other calls and the progress reports through between two chunks of rows.
        await nextTurn();
        if (opts.stop?.()) return { checked, rechecked, cancelled: true };
      }
    }
    // The duplicate guard reads the database as it is now: every row, however it was checked.
    const guarded = opts.guard ? guardRows(checked) : checked;
    opts.progress?.(rows.length, rows.length);
    return { checked: guarded, rechecked, cancelled: false };
  }

  return { prepare, checkRows, previews };
}

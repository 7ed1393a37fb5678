/**
 * Bulk import: preview (read the file, check every row), check (again, after edits), commit
 * (rows unchanged since the preview keep its check; edited ones are checked again). Nothing is saved until every row that is not skipped is valid; then all of it is saved in one
 * transaction, so an import is either wholly there or not at all.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import type { NewTarget } from '../../posts/targets';
import type { FeatureDeps } from '../types';
import { platformFeatures } from './capabilities';
import { readImportCsv } from './csv-read';
import { sniff } from './media-files';
import { createRowChecker } from './row-checker';
import { importedTargetState } from './target-state';
import type { RowPlan } from './validate';
import { makerOfRequest } from '../../posts/made-by';

type ImportResult = ChannelOutput<'io:importCommit'>;

/**
 * Ids for one import's posts and copies: a random UUID whose last twelve digits count up, so ten
 * thousand rows land side by side in the tables' id indexes instead of at ten thousand random
 * places (about a quarter of the commit's time). Still UUID-shaped and unique: 74 random bits per import.
 */
function idsInOrder(): () => string {
  const base = randomUUID().slice(0, 24);
  let n = randomInt(2 ** 40);
  return () => `${base}${(n++).toString(16).padStart(12, '0')}`;
}

type Deps = Pick<FeatureDeps, 'db' | 'clock' | 'zone' | 'dateFormat' | 'events' | 'audit' | 'media' | 'capabilities' | 'targets' | 'settings' | 'log'>;

export function createImportService(deps: Deps) {
  const { db } = deps;
  const stmts = {
    insertPost: db.prepare('INSERT INTO posts (id, campaign_id, created_at, updated_at, created_by, created_via) VALUES (?, ?, ?, ?, ?, ?)'),
    insertVersion: db.prepare("INSERT INTO post_versions (post_id, number, text, source, created_at, written_by, written_via, parts) VALUES (?, 1, ?, 'import', ?, ?, ?, ?)"),
    done: db.prepare('SELECT result FROM imports WHERE id = ?'),
    remember: db.prepare('INSERT INTO imports (id, result, created_at) VALUES (?, ?, ?)'),
    insertComment: db.prepare("INSERT INTO target_parts (target_id, position, kind, text) VALUES (?, 1, 'comment', ?)"),
  };
  const checker = createRowChecker(deps);
  /** Imports under way, by the id the renderer gave: cancelling sets the flag, the media loop reads it. */
  const running = new Map<string, { cancelled: boolean; saving: boolean }>();

  function progress(importId: string, phase: 'checking' | 'media' | 'saving' | 'done' | 'cancelled', done: number, total: number) {
    deps.events.emit('io:importProgress', { importId, phase, done, total });
  }

  /** Copies each media file into the library once (by content hash), between cancellation checks. */
  async function copyMedia(importId: string, plans: RowPlan[], state: { cancelled: boolean }): Promise<Map<string, string>> {
    const files = new Map<string, { mime: string }>();
    for (const p of plans) for (const m of p.media) files.set(m.file.path, { mime: m.file.mime });
    const hashes = new Map<string, string>();
    let done = 0;
    progress(importId, 'media', 0, files.size);
    for (const [path, { mime }] of files) {
      if (state.cancelled) break;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(path));
      } catch (err) {
        throw new AppError('invalid_input', `Loomcast could not read ${path} any more: it was moved or deleted after the check. Check the file and import again.`, { details: (err as Error).message });
      }
      // The check may be from the preview: the file must still be what it was then.
      if (sniff(bytes.subarray(0, 16))?.mime !== mime) {
        throw new AppError('invalid_input', `${path} changed after the check and is no longer the photo or video it was. Check the file and import again.`);
      }
      hashes.set(path, deps.media.put(bytes, mime));
      progress(importId, 'media', ++done, files.size);
    }
    return hashes;
  }

  /**
   * One transaction for the whole import: every post, copy, comment and media link, or none.
   * Imported copies wait in Review (unless the creator chose "imported posts skip review"), and
   * every copy passes the same gates as a hand-written one on its way into the schedule.
   */
  function saveRows(importId: string, plans: RowPlan[], hashes: Map<string, string>, takesComment: (p: Platform) => boolean, skipped: number): ImportResult {
    const now = deps.clock.now();
    const state = importedTargetState(deps.settings.get().importedPostsSkipReview);
    const postIds: string[] = [];
    const nextId = idsInOrder();
    return deps.targets.atomically(() => {
      // Another window committed the same import while this one copied media: answer its result.
      const earlier = stmts.done.get(importId) as { result: string } | undefined;
      if (earlier) return JSON.parse(earlier.result) as ImportResult;
      const copies: NewTarget[] = [];
      const comments: [string, string][] = [];
      const by = makerOfRequest();
      for (const plan of plans) {
        const postId = nextId();
        postIds.push(postId);
        stmts.insertPost.run(postId, plan.campaignId, now, now, by.actor, by.client);
        stmts.insertVersion.run(postId, plan.text, now, by.actor, by.client, JSON.stringify({ thread: [], firstComment: plan.firstComment ?? null }));
        if (plan.media.length) deps.media.setForPost(postId, plan.media.map((m) => ({ hash: hashes.get(m.file.path)!, altText: m.altText })));
        for (const t of plan.targets) {
          const id = nextId();
          copies.push({ id, postId, platform: t.platform, accountId: t.accountId, scheduledAt: plan.epochMs, zone: plan.zone, state, ...(plan.print ? { guardPrint: plan.print } : {}) });
          if (plan.firstComment && takesComment(t.platform)) comments.push([id, plan.firstComment]);
        }
        deps.audit.record({ actor: 'user', action: 'post.import', entity: 'post', entityId: postId, detail: { platforms: plan.targets.map((t) => t.platform), scheduledAt: plan.epochMs, state } });
      }
      // Every copy straight into its state (draft → in review or scheduled is always allowed);
      // the gates read each copy with its first comment, so they run after the comments are in.
      deps.targets.insertMany(copies, 'created', () => {
        for (const [id, text] of comments) stmts.insertComment.run(id, text);
      });
      const targets = copies.length;
      const result: ImportResult = { posts: postIds.length, targets, skipped, postIds };
      stmts.remember.run(importId, JSON.stringify(result), now);
      deps.audit.record({ actor: 'user', action: 'import.commit', entity: 'import', entityId: importId, detail: { posts: postIds.length, targets, state } });
      return result;
    }, 'immediate');
  }

  return {
    async preview(input: ChannelParsedInput<'io:importPreview'>): Promise<ChannelOutput<'io:importPreview'>> {
      const read = readImportCsv(input.csv, { layout: input.layout, defaultAccounts: input.accounts });
      const run = checker.prepare(input.options);
      const { previewId } = input;
      // A named preview can be cancelled (io:importCancel with its id) between chunks of rows.
      const state = { cancelled: false, saving: false };
      if (previewId) {
        if (running.has(previewId)) throw new AppError('conflict', 'This file is already being read.');
        running.set(previewId, state);
      }
      try {
        const { checked, cancelled } = await checker.checkRows(
          read.rows.map((r) => ({ ...r, skip: false })),
          run,
          { guard: false, stop: () => state.cancelled, ...(previewId ? { progress: (done: number, total: number) => progress(previewId, 'checking', done, total) } : {}) },
        );
        if (cancelled) {
          progress(previewId!, 'cancelled', 0, read.rows.length);
          throw new AppError('conflict', 'Reading the file was cancelled.');
        }
        const token = checker.previews.keep(run.circumstances, checked);
        return { layout: read.layout, zone: run.ctx.zone, columns: read.columns, rows: checked.map((c) => c.result), token };
      } finally {
        if (previewId) running.delete(previewId);
      }
    },

    async check(input: ChannelParsedInput<'io:importCheck'>): Promise<ChannelOutput<'io:importCheck'>> {
      const { checked } = await checker.checkRows(input.rows, checker.prepare(input.options), { guard: true });
      return { rows: checked.map((c) => c.result) };
    },

    async commit(input: ChannelParsedInput<'io:importCommit'>): Promise<ChannelOutput<'io:importCommit'>> {
      // Idempotent per import id: a repeated commit answers the first result and creates nothing.
      const earlier = stmts.done.get(input.importId) as { result: string } | undefined;
      if (earlier) return JSON.parse(earlier.result) as ImportResult;
      if (running.has(input.importId)) throw new AppError('conflict', 'This import is already running.');
      const state = { cancelled: false, saving: false };
      running.set(input.importId, state);
      try {
        // Rows unchanged since the preview keep its check; the duplicate guard reads the
        // database as it is now, so it runs on every row.
        const run = checker.prepare(input.options);
        const { checked, rechecked, cancelled } = await checker.checkRows(input.rows, run, {
          guard: true,
          reuse: checker.previews.lookup(input.previewToken, run.circumstances),
          progress: (done, total) => progress(input.importId, 'checking', done, total),
          stop: () => state.cancelled,
        });
        if (cancelled) {
          progress(input.importId, 'cancelled', 0, input.rows.length);
          throw new AppError('conflict', 'Import cancelled: nothing was imported.');
        }
        deps.log.debug('import.check', { importId: input.importId, rows: input.rows.length, rechecked });
        const active = checked.filter((c) => !c.result.skip);
        const broken = active.filter((c) => c.plan === null);
        if (broken.length > 0) {
          const first = broken[0]!.result;
          const rows = broken.length === 1 ? '1 row has errors: fix or skip it' : `${broken.length} rows have errors: fix or skip them`;
          throw new AppError('invalid_input', `${rows} first. Nothing was imported. Line ${first.line}: ${first.errors[0]?.message ?? 'it is not complete.'}`, {
            issues: checked.flatMap((c, i) => (c.result.skip ? [] : c.result.errors.map((e) => ({ path: ['rows', i, 'fields', e.field], message: e.message })))),
          });
        }
        if (active.length === 0) throw new AppError('invalid_input', 'Every row is skipped: there is nothing to import.');

        const plans = active.map((c) => c.plan!);
        const hashes = await copyMedia(input.importId, plans, state);
        if (state.cancelled) {
          progress(input.importId, 'cancelled', 0, plans.length);
          throw new AppError('conflict', 'Import cancelled: nothing was imported.');
        }
        state.saving = true;
        progress(input.importId, 'saving', 0, plans.length);
        const features = platformFeatures(deps.capabilities);
        const result = saveRows(input.importId, plans, hashes, (p) => features(p).firstComment, checked.length - active.length);
        progress(input.importId, 'done', plans.length, plans.length);
        checker.previews.forget(input.previewToken);
        return result;
      } finally {
        running.delete(input.importId);
      }
    },

    cancel(importId: string): { cancelled: boolean } {
      const state = running.get(importId);
      if (!state || state.saving) return { cancelled: false };
      state.cancelled = true;
      return { cancelled: true };
    },
  };
}

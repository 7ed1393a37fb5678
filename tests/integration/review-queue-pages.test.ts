import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreviewDto } from '../../shared/contract/features/io';
import type { PostDto } from '../../shared/contract';
import type { ReviewItemDto } from '../../shared/contract/features/review';
import { LIST_SECTION_MAX, LIST_SECTION_STEP } from '../../shared/domain/list-sections';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { scaleCsv } from '../bench/import-scale';
import { call, createTestCore, type TestCore } from '../support/core';

type Page = { items: ReviewItemDto[]; total: number };

describe('the review queue is read a page at a time', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const page = (input: { limit?: number; reach?: string } = {}) => call<Page>(t.core, 'review:list', input);
  const ids = (p: Page) => p.items.map((i) => i.post.id);

  it('answers the longest-waiting 300 of an imported queue with the whole count, grows by limit, and reaches the open post', { timeout: 60_000 }, async () => {
    t = await createTestCore({ zone: 'Europe/Berlin', clients: PLATFORM_CLIENTS, publishing: { autoStart: false } });
    for (const [platform, handle] of [['x', 'studio'], ['bluesky', 'studio.bsky.social'], ['mastodon', '@studio@example.social'], ['linkedin', 'studio'], ['threads', 'studio'], ['facebook', 'studio']] as const) {
      await t.core.services.accounts.add({ platform, handle, ...(platform === 'mastodon' ? { serverUrl: 'https://example.social' } : {}), credentials: { accessToken: platform } });
    }
    // An early post sent to review first: it has waited longest, whatever the import holds.
    const early = await call<PostDto>(t.core, 'posts:create', { text: 'Waiting since this morning', platforms: ['bluesky'], schedule: null });
    await call(t.core, 'review:send', { postIds: [early.id] });
    t.clock.advance(60_000);
    // A big import lands in Review whole (imported posts wait for review unless told otherwise).
    const rows = 2 * LIST_SECTION_STEP + 150;
    const preview = await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv: scaleCsv(rows, t.clock.now()) });
    const imported = await call<{ postIds: string[] }>(t.core, 'io:importCommit', {
      importId: 'review-pages',
      previewToken: preview.token,
      rows: preview.rows.map((r) => ({ line: r.line, fields: r.fields, skip: r.skip })),
    });
    expect(imported.postIds).toHaveLength(rows);

    const whole = await page({ limit: LIST_SECTION_MAX });
    expect(whole.total).toBe(rows + 1);
    // The longest-waiting first, then the import in the file's order (same wait, made in order).
    expect(ids(whole)).toEqual([early.id, ...imported.postIds]);

    // Left out, the limit is a step: never the whole queue in one answer, and the count says so.
    const first = await page();
    expect(first.total).toBe(rows + 1);
    expect(ids(first)).toEqual(ids(whole).slice(0, LIST_SECTION_STEP));
    expect(first.items[1]!.post.text).toBe(whole.items[1]!.post.text);
    expect(ids(await page({ limit: 2 * LIST_SECTION_STEP }))).toEqual(ids(whole).slice(0, 2 * LIST_SECTION_STEP));

    // The post the screen has open is read even when it waits past the page; a post that does not wait changes nothing.
    const far = imported.postIds[rows - 40]!;
    const reached = await page({ reach: far });
    expect(ids(reached)).toEqual(ids(whole).slice(0, rows - 40 + 2));
    expect(ids(reached).at(-1)).toBe(far);
    expect(ids(await page({ limit: 5, reach: imported.postIds[2]! }))).toEqual(ids(whole).slice(0, 5));
    await call(t.core, 'review:approve', { postIds: [early.id] });
    expect(ids(await page({ limit: 3, reach: early.id }))).toEqual(ids(whole).slice(1, 4));

    // Deciding on the first page brings the next posts up; the count follows.
    await call(t.core, 'review:approve', { postIds: imported.postIds.slice(0, LIST_SECTION_STEP) });
    const after = await page();
    expect(after.total).toBe(rows - LIST_SECTION_STEP);
    expect(ids(after)).toEqual(imported.postIds.slice(LIST_SECTION_STEP, 2 * LIST_SECTION_STEP));
  });

  it('refuses a limit outside 1–10,000 and an id that is not one, naming the field', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    for (const input of [{ limit: 0 }, { limit: LIST_SECTION_MAX + 1 }, { limit: 2.5 }, { reach: '' }, { everything: true }]) {
      const res = await t.core.dispatch('review:list', input);
      expect(res.ok, JSON.stringify(input)).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('invalid_input');
    }
    expect(await page()).toEqual({ items: [], total: 0 });
  });
});

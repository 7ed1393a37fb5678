import { afterAll, bench, describe } from 'vitest';
import type { ImportPreviewDto } from '../../shared/contract/features/io';
import { call, createTestCore } from '../support/core';

// `npm run bench` prints these figures; no test asserts a time. The issue asks that 1,000 rows
// import in well under a second: preview (read and check every row) plus commit (check again and
// save in one transaction) is the whole of it.
const t = await createTestCore({ zone: 'Europe/Berlin' });
await t.core.services.accounts.add({ platform: 'mastodon', handle: '@studio@example.social', credentials: { accessToken: 'a' } });
afterAll(() => t.close());

const day = (i: number) => `2026-12-${String((i % 28) + 1).padStart(2, '0')}`;
const time = (i: number) => `${String(8 + (i % 12)).padStart(2, '0')}:${String((i * 5) % 60).padStart(2, '0')}`;
const csv = [
  'date,time,text,accounts,link,first_comment',
  ...Array.from({ length: 1000 }, (_, i) => `${day(i)},${time(i)},"Post ${i}: three things worth knowing about planning a month of posts, #${i}",x; bluesky; mastodon,https://example.com/p/${i},Thanks for reading`),
].join('\n');
const rows = (await call<ImportPreviewDto>(t.core, 'io:importPreview', { csv })).rows.map((r) => ({ line: r.line, fields: r.fields }));

describe('bulk import of 1,000 rows, each to X, Bluesky and Mastodon', () => {
  bench('io:importPreview (parse and check 1,000 rows)', async () => {
    await call(t.core, 'io:importPreview', { csv });
  });

  let n = 0;
  bench('io:importCommit (check again and save 1,000 posts, 3,000 copies)', async () => {
    await call(t.core, 'io:importCommit', { importId: `bench-${n++}`, rows });
  });
});

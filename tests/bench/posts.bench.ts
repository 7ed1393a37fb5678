import { afterAll, bench, describe } from 'vitest';
import { call, createTestCore } from '../support/core';

// `npm run bench` prints these figures; no test asserts a time.
const t = await createTestCore();
const day = (i: number) => `2026-12-${String((i % 28) + 1).padStart(2, '0')}`;
for (let i = 0; i < 2000; i++) {
  await call(t.core, 'posts:create', { text: `Post number ${i} about something worth saying`, platforms: ['x', 'bluesky'], schedule: { date: day(i), time: '10:00' } });
}
afterAll(() => t.close());

describe('a month with 2,000 posts on two platforms', () => {
  bench('posts:list upcoming (2,000 posts, 4,000 targets)', async () => {
    await call(t.core, 'posts:list', { scope: 'upcoming' });
  });

  let n = 0;
  bench('posts:create one more post', async () => {
    await call(t.core, 'posts:create', { text: `bench ${n++}`, platforms: ['x'], schedule: { date: '2026-12-30', time: '09:00' } });
  });
});

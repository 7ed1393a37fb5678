/**
 * REPORTED_METRICS (shared/domain/platform-metrics.ts) tells the creator which numbers a
 * platform never gives ("Mastodon doesn't report views…"). It is kept by hand, so this holds it
 * to what the core's clients really read: each client's metrics code, run against its platform's
 * fake with a post the fake reports in full, must give exactly the listed numbers, and never one
 * the list leaves out. Read both ways the metrics collector reads (one post, and in a batch where
 * the client has one).
 */
import { describe, expect, it } from 'vitest';
import { METRIC_LABELS, REPORTED_METRICS, type MetricKey } from '../../shared/domain/platform-metrics';
import { PLATFORMS, type Platform } from '../../shared/domain/platforms';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import type { ClientContext, MetricSnapshot } from '../../electron/core/platforms/types';
import { METRIC_RIGS } from '../support/metric-rigs';

const ALL_KEYS = METRIC_LABELS.map(([key]) => key);

/** The numbers a snapshot gives, in the UI's order; a key left out and a null are both "not given". */
const given = (s: MetricSnapshot): MetricKey[] => ALL_KEYS.filter((k) => s[k] !== undefined && s[k] !== null);
const inOrder = (keys: readonly MetricKey[]): MetricKey[] => ALL_KEYS.filter((k) => keys.includes(k));

/** What the collector would get for the post: one read, and a batch read where the client has one. */
async function readBothWays(platform: Platform, ctx: ClientContext, postId: string) {
  const client = PLATFORM_CLIENTS[platform];
  const reads: [string, MetricSnapshot][] = [['metrics', await client.metrics(ctx, postId)]];
  if (client.metricsBatch) {
    const got = (await client.metricsBatch.read(ctx, [postId])).get(postId);
    if (!got) throw new Error(`${platform}: the batch read left the post out`);
    reads.push(['metricsBatch', got]);
  }
  return reads;
}

describe('REPORTED_METRICS matches what each client reads from its platform', () => {
  it('has a rig for every platform whose client reads metrics', () => {
    expect(Object.keys(METRIC_RIGS).sort()).toEqual([...PLATFORMS].sort());
    for (const p of PLATFORMS) expect(METRIC_RIGS[p].length).toBeGreaterThan(0);
  });

  const cases = PLATFORMS.flatMap((platform) => METRIC_RIGS[platform].map((c, i) => ({ platform, fullest: i === 0, ...c })));

  it.each(cases)('$platform, $name', async ({ platform, fullest, absent = [], start }) => {
    const listed = REPORTED_METRICS[platform];
    // A kind of account that gives fewer numbers may leave out only listed ones ("not reported").
    if (fullest) expect(absent, `${platform}: the first case is the fullest, giving every listed number`).toEqual([]);
    expect(absent.filter((k) => !listed.includes(k)), `${platform}: a case leaves out a number the list does not have`).toEqual([]);
    const expected = inOrder(listed.filter((k) => !absent.includes(k)));
    const unlisted = ALL_KEYS.filter((k) => !listed.includes(k));
    const rig = await start();
    try {
      for (const [how, snapshot] of await readBothWays(platform, rig.ctx, rig.postId)) {
        const got = given(snapshot);
        // Exactly the listed numbers: one given but unlisted would read "doesn't report …" (untrue),
        // one listed but never given would read "not reported" forever.
        expect(got, `${platform} ${how}: numbers given vs REPORTED_METRICS.${platform}`).toEqual(expected);
        expect(unlisted.filter((k) => snapshot[k] !== undefined && snapshot[k] !== null), `${platform} ${how}: unlisted numbers must be null`).toEqual([]);
      }
    } finally {
      await rig.stop();
    }
  });
});

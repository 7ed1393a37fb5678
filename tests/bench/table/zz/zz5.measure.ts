import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PLATFORM_CLIENTS } from '../../../../electron/core/platforms/registry';
import { createTestCore } from '../../../support/core';
import { productRun, scaleCsv } from '../../import-scale';
it('zz5', { timeout: 900_000 }, async () => {
  const xs: number[] = [];
  for (let rep = 0; rep < Number(process.env.ZZ_REPS ?? 4); rep++) {
    const t = await createTestCore({ zone: 'Europe/Berlin', clients: PLATFORM_CLIENTS });
    const a = t.core.services.accounts;
    await a.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'x' } });
    await a.add({ platform: 'bluesky', handle: 'studio.bsky.social', credentials: { accessToken: 'b' } });
    await a.add({ platform: 'mastodon', handle: '@studio@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'm' } });
    await a.add({ platform: 'linkedin', handle: 'studio', credentials: { accessToken: 'l' } });
    await a.add({ platform: 'threads', handle: 'studio', credentials: { accessToken: 't' } });
    await a.add({ platform: 'facebook', handle: 'studio', credentials: { accessToken: 'f' } });
    const csv = scaleCsv(10_000, t.clock.now());
    const prof = process.env.ZZ_PROF === '1' && rep === 1;
    const s = new Session(); s.connect();
    if (prof) { await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 250 }); await s.post('Profiler.start'); }
    xs.push(await productRun(csv, t.core, crypto.randomUUID()));
    if (prof) { const { profile } = await s.post('Profiler.stop'); writeFileSync('/tmp/zz/s35/import.cpuprofile', JSON.stringify(profile)); }
    await t.close();
  }
  console.log('ZZ import', xs.map((x) => x.toFixed(0)).join(' '));
});

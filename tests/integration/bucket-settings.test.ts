import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BucketSettingsDto } from '../../shared/contract';
import { startLocalS3, type LocalS3 } from '../fakes/s3';
import { FakeClock } from '../support/clock';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

describe('the media bucket in Settings', () => {
  let s3: LocalS3;
  let t: TestCore;
  const vault = memoryVault();
  beforeAll(async () => {
    s3 = await startLocalS3();
    // The core signs media links with its own clock, and s3rver checks X-Amz-Date + X-Amz-Expires
    // against the real time: start the core's clock at the real time, never at a fixed date
    // that the real time will pass.
    t = await createTestCore({ vault, clock: new FakeClock(Date.now()) });
  });
  afterAll(async () => {
    await t.close();
    await s3.stop();
  });

  // s3rver does not check signatures, so any secret uploads; a distinctive one shows where it goes.
  const secret = `secret-${Math.random().toString(36).slice(2)}`;
  const settings = () => ({ endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, accessKeyId: s3.accessKeyId });

  it('starts unconfigured, and media has no public link until it is set up', async () => {
    expect(await call<BucketSettingsDto>(t.core, 'bucket:get')).toMatchObject({ configured: false, hasSecret: false });
    const hash = t.core.services.media.put(new TextEncoder().encode('jpeg bytes'), 'image/jpeg');
    await expect(t.core.services.media.item(hash).publicUrl()).rejects.toThrow(/Set up a media bucket/);
  });

  it('asks for the secret the first time, keeps it in the vault only, and never returns it', async () => {
    const missing = await t.core.dispatch('bucket:set', settings());
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['secretAccessKey'] }] } });
    const saved = await call<BucketSettingsDto>(t.core, 'bucket:set', { ...settings(), secretAccessKey: secret });
    expect(saved).toMatchObject({ configured: true, hasSecret: true, bucket: s3.bucket });
    expect(JSON.stringify(saved)).not.toContain(secret);
    expect(vault.entries.get('bucket:media')).toBe(secret);
  });

  it('tests the connection, warning that platforms cannot reach a bucket on this computer', async () => {
    const r = await call<{ ok: boolean; warnings: string[] }>(t.core, 'bucket:test');
    expect(r.ok).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/on this computer or a private network/);
  });

  it('gives media a presigned link that serves the same bytes', async () => {
    const bytes = new TextEncoder().encode('a small jpeg, honestly');
    const hash = t.core.services.media.put(bytes, 'image/jpeg');
    const url = await t.core.services.media.item(hash, 'alt').publicUrl();
    expect(url).toMatch(/X-Amz-Expires=3600/);
    // Signed at the core's clock (X-Amz-Date=YYYYMMDDTHHMMSSZ), which is why that clock must follow real time.
    const signedAt = new Date(t.clock.now()).toISOString().replace(/[-:]|\.\d{3}/g, '');
    expect(new URL(url).searchParams.get('X-Amz-Date')).toBe(signedAt);
    const res = await fetch(url);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('forgets the bucket and its secret when cleared', async () => {
    expect(await call<BucketSettingsDto>(t.core, 'bucket:clear')).toMatchObject({ configured: false });
    expect(vault.entries.has('bucket:media')).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Logger } from '../../electron/core/deps';
import { checkBucket, createS3PublicUrls, MediaBucketError, type S3BucketConfig } from '../../electron/core/media/s3-public-urls';
import { startLocalS3, type LocalS3 } from '../fakes/s3';

const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

describe('media bucket public links (S3-compatible, against s3rver)', () => {
  let s3: LocalS3;
  let config: S3BucketConfig;
  const dir = mkdtempSync(join(tmpdir(), 'loomcast-media-'));
  let n = 0;

  /** A media file as the media store keeps it: named by the SHA-256 of its bytes. */
  function file(mime: string, size = 2048) {
    const bytes = Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + ++n) % 256));
    const hash = createHash('sha256').update(bytes).digest('hex');
    const path = join(dir, hash);
    writeFileSync(path, bytes);
    return { hash, mime, path, bytes };
  }

  const puts = () => s3.writes.filter((w) => w.startsWith('ObjectCreated:Put'));

  beforeAll(async () => {
    s3 = await startLocalS3();
    config = { endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true };
  });
  afterAll(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads the file and returns a presigned link that serves the same bytes and content type', async () => {
    const f = file('image/png');
    const urls = createS3PublicUrls({ ...config, keyPrefix: 'media/', expiresInSeconds: 900 }, { log, clock: systemClock });
    const url = new URL(await urls.publicUrl(f));
    expect(url.pathname).toBe(`/${s3.bucket}/media/${f.hash}.png`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toBeTruthy();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(f.bytes);
  });

  it('links last an hour unless configured otherwise', async () => {
    const url = new URL(await createS3PublicUrls(config, { log, clock: systemClock }).publicUrl(file('video/mp4')));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
  });

  it('does not upload a file the bucket already has, even from a new provider or two calls at once', async () => {
    const f = file('image/jpeg');
    const before = puts().length;
    const first = createS3PublicUrls(config, { log, clock: systemClock });
    await Promise.all([first.publicUrl(f), first.publicUrl(f)]);
    expect(puts().length).toBe(before + 1);
    const again = await createS3PublicUrls(config, { log, clock: systemClock }).publicUrl(f);
    expect(puts().length).toBe(before + 1);
    expect(Buffer.from(await (await fetch(again)).arrayBuffer())).toEqual(f.bytes);
  });

  // s3rver does not verify V4 signatures, but it does refuse a presigned link whose
  // X-Amz-Date + X-Amz-Expires has passed, so expiry is checked by the server for real.
  it('gives links that stop working once their lifetime has passed', async () => {
    const twoHoursAgo = { now: () => Date.now() - 2 * 3_600_000 };
    const url = await createS3PublicUrls({ ...config, expiresInSeconds: 3600 }, { log, clock: twoHoursAgo }).publicUrl(file('image/png'));
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });

  it('says the bucket does not exist when the name is wrong', async () => {
    const attempt = createS3PublicUrls({ ...config, bucket: 'no-such-bucket' }, { log, clock: systemClock }).publicUrl(file('image/png'));
    await expect(attempt).rejects.toBeInstanceOf(MediaBucketError);
    await expect(attempt).rejects.toMatchObject({
      problem: 'no_such_bucket',
      message: `The media bucket "no-such-bucket" does not exist at ${s3.endpoint}. Check the bucket name in Settings.`,
      details: expect.stringContaining('NoSuchBucket'),
    });
  });

  it('says the bucket refused the upload when the access key is unknown', async () => {
    const attempt = createS3PublicUrls({ ...config, accessKeyId: 'WRONGKEY' }, { log, clock: systemClock }).publicUrl(file('image/png'));
    await expect(attempt).rejects.toMatchObject({
      problem: 'refused',
      message: expect.stringMatching(/^The media bucket refused the upload: InvalidAccessKeyId\. Check the access key and secret/),
    });
  });

  it("says it can't reach the bucket when nothing listens at the endpoint", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const attempt = createS3PublicUrls({ ...config, endpoint }, { log, clock: systemClock }).publicUrl(file('image/png'));
    await expect(attempt).rejects.toMatchObject({ problem: 'unreachable', message: expect.stringContaining(`Can't reach the media bucket at ${endpoint} (ECONNREFUSED)`) });
  });

  it('refuses settings it cannot use before touching the network', () => {
    expect(() => createS3PublicUrls({ ...config, expiresInSeconds: 8 * 86_400 }, { log, clock: systemClock })).toThrow(/1 second to 7 days/);
    expect(() => createS3PublicUrls({ ...config, endpoint: 'bucket.example.com' }, { log, clock: systemClock })).toThrow(/not an http\(s\) URL/);
    expect(() => createS3PublicUrls({ ...config, secretAccessKey: '' }, { log, clock: systemClock })).toThrow(/missing the secretAccessKey/);
  });

  describe('Test connection', () => {
    it('writes, reads back through a presigned link and deletes a probe file, warning that a loopback endpoint is not public', async () => {
      const before = s3.writes.length;
      const result = await checkBucket(config, { http: fetch, clock: systemClock });
      expect(result.presignedReadChecked).toBe(true);
      expect(result.warnings).toEqual([expect.stringContaining('platforms on the internet cannot fetch media from it')]);
      const events = s3.writes.slice(before);
      expect(events).toHaveLength(2);
      expect(events[0]).toMatch(/^ObjectCreated:Put loomcast-media\/loomcast-connection-test-/);
      expect(events[1]).toMatch(/^ObjectRemoved:Delete loomcast-media\/loomcast-connection-test-/);
    });

    it('fails with the readable reason for a missing bucket', async () => {
      await expect(checkBucket({ ...config, bucket: 'typo-bucket' }, { clock: systemClock })).rejects.toMatchObject({ problem: 'no_such_bucket' });
    });
  });
});

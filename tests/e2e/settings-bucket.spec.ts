import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startLocalS3, type LocalS3 } from '../fakes/s3';
import { test as base, expect } from './support/fixtures';
import { rpc } from './support/host';
import { needKeychain, vaultOf } from './support/keychain';

interface BucketSettings {
  configured: boolean;
  endpoint: string | null;
  region: string | null;
  bucket: string | null;
  accessKeyId: string | null;
  forcePathStyle: boolean;
  hasSecret: boolean;
}

/** A local S3-compatible server (s3rver) with one bucket, for each test that wants one. */
const test = base.extend<{ s3: LocalS3 }>({
  s3: async ({}, use) => {
    const s3 = await startLocalS3();
    await use(s3);
    await s3.stop();
  },
});

async function fillBucket(page: Page, b: { endpoint: string; region: string; bucket: string; accessKeyId: string; secret?: string }): Promise<void> {
  await page.getByTestId('bucket-endpoint').fill(b.endpoint);
  await page.getByTestId('bucket-region').fill(b.region);
  await page.getByTestId('bucket-name').fill(b.bucket);
  await page.getByTestId('bucket-key-id').fill(b.accessKeyId);
  if (b.secret !== undefined) await page.getByTestId('bucket-secret').fill(b.secret);
}

test.describe('Settings → Media bucket', () => {
  test('saving a bucket for the first time without its secret key names the missing key on its own field', async ({ page, host, openApp }) => {
    const vault = await vaultOf(host);
    await openApp(host, '#/settings');
    const section = page.getByTestId('bucket-section');
    await expect(section).toContainText('Instagram, Threads, Pinterest and TikTok fetch each image or video from a public link');
    await expect(page.getByTestId('bucket-status')).toHaveText('Not set up');
    await expect(page.getByTestId('bucket-path-style')).toBeChecked();
    await expect(page.getByTestId('bucket-test')).toBeDisabled();
    await expect(page.getByTestId('bucket-clear')).toHaveCount(0);

    await fillBucket(page, { endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1', bucket: 'my-loomcast-media', accessKeyId: 'AKIAEXAMPLE' });
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/rpc/bucket:set');
    await page.getByTestId('bucket-save').click();
    const { error } = (await (await answer).json()) as { error: { code: string; message: string; issues?: { path: string[]; message: string }[] } };

    if (vault.available) {
      // The core's own words for the missing secret land under the secret field, and nothing is stored.
      const said = error.issues?.find((i) => i.path[0] === 'secretAccessKey')?.message;
      expect(said).toBeTruthy();
      await expect(page.getByTestId('bucket-secret-error')).toHaveText(said!);
      await expect(page.getByTestId('bucket-secret')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByTestId('bucket-problem')).toHaveCount(0);
      // Typing the key clears the complaint.
      await page.getByTestId('bucket-secret').fill('x');
      await expect(page.getByTestId('bucket-secret-error')).toHaveCount(0);
    } else {
      // Without a keychain the core refuses before it looks at the fields, and says why.
      expect(error.code).toBe('vault_unavailable');
      await expect(page.getByTestId('bucket-problem')).toContainText(vault.message ?? error.message);
      await expect(page.getByTestId('bucket-vault-note')).toBeVisible();
    }
    await expect(page.getByTestId('bucket-status')).toHaveText('Not set up');
    expect(await rpc<BucketSettings>(host, 'bucket:get')).toMatchObject({ configured: false, endpoint: null, hasSecret: false });
  });

  test('with the keychain, the secret key is stored there and never shown; Test connection warns that a bucket on this computer is out of the platforms’ reach; Remove forgets it', async ({
    page,
    host,
    openApp,
    s3,
  }) => {
    await needKeychain(host, 'Storing the media bucket’s secret key');
    // Unique per run: finding it anywhere means it leaked. s3rver does not check secrets.
    const secret = `s3-secret-${randomBytes(12).toString('hex')}`;
    await openApp(host, '#/settings');

    await fillBucket(page, { endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, accessKeyId: s3.accessKeyId, secret });
    await page.getByTestId('bucket-save').click();
    await expect(page.getByTestId('bucket-status')).toHaveText('Set up · Secret stored in your keychain');
    await expect(page.getByTestId('bucket-saved')).toContainText('Secret stored in your keychain');
    await expect(page.getByTestId('bucket-secret')).toHaveValue('');
    await expect(page.getByTestId('bucket-secret')).toHaveAttribute('placeholder', 'Stored: leave empty to keep it');

    const stored = await rpc<BucketSettings>(host, 'bucket:get');
    expect(stored).toEqual({ configured: true, endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, accessKeyId: s3.accessKeyId, forcePathStyle: true, hasSecret: true });
    expect(JSON.stringify(stored)).not.toContain(secret);

    // After a reload the page knows only what the core answers: the secret is nowhere in it.
    await openApp(host, '#/settings');
    await expect(page.getByTestId('bucket-status')).toHaveText('Set up · Secret stored in your keychain');
    await expect(page.getByTestId('bucket-endpoint')).toHaveValue(s3.endpoint);
    await expect(page.getByTestId('bucket-secret')).toHaveValue('');
    expect(await page.content()).not.toContain(secret);

    // The test writes, reads back through a presigned link and deletes; then says what platforms can't do.
    await page.getByTestId('bucket-test').click();
    await expect(page.getByTestId('bucket-test-ok')).toContainText('Connection works');
    await expect(page.getByTestId('bucket-warnings')).toContainText('on this computer or a private network: platforms on the internet cannot fetch media from it');
    await expect(page.getByTestId('bucket-problem')).toHaveCount(0);
    expect(s3.writes.some((w) => w.includes('loomcast-connection-test-'))).toBe(true);

    // A new bucket name alone keeps the stored secret.
    await page.getByTestId('bucket-name').fill('another-bucket');
    await expect(page.getByTestId('bucket-test')).toBeDisabled();
    await page.getByTestId('bucket-save').click();
    await expect(page.getByTestId('bucket-saved')).toContainText('Secret stored in your keychain');
    expect(await rpc<BucketSettings>(host, 'bucket:get')).toMatchObject({ bucket: 'another-bucket', hasSecret: true });

    // Remove asks first, then forgets the address and deletes the key from the keychain.
    await page.getByTestId('bucket-clear').click();
    await expect(page.getByTestId('bucket-clear-confirm')).toContainText('deletes the secret key from your keychain');
    await page.getByTestId('bucket-clear-yes').click();
    await expect(page.getByTestId('bucket-status')).toHaveText('Not set up');
    await expect(page.getByTestId('bucket-endpoint')).toHaveValue('');
    await expect(page.getByTestId('bucket-clear')).toHaveCount(0);
    expect(await rpc<BucketSettings>(host, 'bucket:get')).toMatchObject({ configured: false, endpoint: null, hasSecret: false });
  });
});

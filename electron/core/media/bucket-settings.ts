import { AppError, type BucketSettingsDto, type ChannelParsedInput } from '../../../shared/contract';
import type { Clock, HttpFetch, Logger, Vault } from '../deps';
import { createSettingsStore } from '../settings/settings-store';
import type { Db } from '../store/open';
import type { PublicUrlProvider } from './media-store';
import { checkBucket, createS3PublicUrls, type S3BucketConfig } from './s3-public-urls';

const KEY = 'media_bucket';
const SECRET = 'bucket:media';

/**
 * The creator's S3-compatible bucket for platforms that fetch media by URL. The address and
 * key id live in SQLite; the secret key in the vault. Uploads go through one cached client.
 */
export function createBucketSettings({ db, vault, http, clock, log }: { db: Db; vault: Vault; http: HttpFetch; clock: Clock; log: Logger }) {
  const settings = createSettingsStore({ db, log });
  let cached: PublicUrlProvider | null = null;

  /** Address and key id; null until set up (or when the stored row is unreadable, logged). */
  const stored = () => settings.get(KEY);

  const full = async (): Promise<S3BucketConfig> => {
    const s = stored();
    if (!s) throw new AppError('invalid_input', 'Set up a media bucket in Settings first.');
    const secret = await vault.get(SECRET);
    if (!secret) throw new AppError('invalid_input', 'The media bucket’s secret key is missing from the keychain. Enter it again in Settings.');
    return { ...s, secretAccessKey: secret };
  };

  const dto = async (): Promise<BucketSettingsDto> => {
    const s = stored();
    const status = await vault.status();
    const hasSecret = s && status.available ? (await vault.get(SECRET)) !== null : false;
    return {
      configured: s !== null && hasSecret,
      endpoint: s?.endpoint ?? null,
      region: s?.region ?? null,
      bucket: s?.bucket ?? null,
      accessKeyId: s?.accessKeyId ?? null,
      forcePathStyle: s?.forcePathStyle ?? true,
      hasSecret,
    };
  };

  /** Delegates to an S3 client made from the current settings, made once. */
  const provider: PublicUrlProvider = {
    async publicUrl(file) {
      cached ??= createS3PublicUrls(await full(), { log, clock });
      return cached.publicUrl(file);
    },
  };

  return {
    get: dto,
    async set(input: ChannelParsedInput<'bucket:set'>): Promise<BucketSettingsDto> {
      const s = await vault.status();
      // Name the missing field first; then say why nothing can be kept.
      if (!input.secretAccessKey && !(s.available && (await vault.get(SECRET)))) {
        throw new AppError('invalid_input', 'Enter the secret access key.', { issues: [{ path: ['secretAccessKey'], message: 'Required the first time' }] });
      }
      if (!s.available) throw new AppError('vault_unavailable', s.reason);
      if (input.secretAccessKey) await vault.set(SECRET, input.secretAccessKey);
      const { secretAccessKey: _secret, ...rest } = input;
      settings.set(KEY, rest);
      cached = null;
      return dto();
    },
    async test(): Promise<{ ok: true; warnings: string[] }> {
      const r = await checkBucket(await full(), { http, clock, log });
      return { ok: true, warnings: r.warnings };
    },
    async clear(): Promise<BucketSettingsDto> {
      settings.reset(KEY);
      if ((await vault.status()).available) await vault.delete(SECRET);
      cached = null;
      return dto();
    },
    /** For the media store: null until a bucket is set up. */
    provider: (): PublicUrlProvider | null => (stored() ? provider : null),
  };
}

export type BucketSettings = ReturnType<typeof createBucketSettings>;

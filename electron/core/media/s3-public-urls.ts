/**
 * Public links for platforms that pull media by URL (Instagram, Threads, Pinterest, TikTok's pull
 * mode): the file goes to the creator's own S3-compatible bucket once (keyed by its SHA-256), and
 * each platform gets a short-lived presigned GET URL. The bucket stays private.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { AppError } from '../../../shared/contract';
import type { Clock, HttpFetch, Logger } from '../deps';
import type { PublicUrlProvider } from './media-store';

export interface S3BucketConfig {
  /** e.g. https://s3.eu-central-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path rather than the host name; most non-AWS servers want this. */
  forcePathStyle?: boolean;
  /** How long a link works; default one hour (S3 allows at most seven days). */
  expiresInSeconds?: number;
  keyPrefix?: string;
}

export type BucketProblem = 'unreachable' | 'no_such_bucket' | 'refused' | 'invalid_config' | 'failed';

/** A bucket failure in the creator's words; `details` holds the server's own code and message. */
export class MediaBucketError extends AppError {
  constructor(
    readonly problem: BucketProblem,
    message: string,
    details?: string,
  ) {
    super('invalid_input', message, details ? { details } : {});
    this.name = 'MediaBucketError';
  }
}

const DEFAULT_EXPIRY_SECONDS = 3600;
const MAX_EXPIRY_SECONDS = 7 * 86_400;
const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'];

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/webm': '.webm',
};

function validate(config: S3BucketConfig): number {
  for (const field of ['endpoint', 'region', 'bucket', 'accessKeyId', 'secretAccessKey'] as const) {
    if (!config[field]?.trim()) throw new MediaBucketError('invalid_config', `The media bucket settings are missing the ${field}.`);
  }
  try {
    const u = new URL(config.endpoint);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(u.protocol);
  } catch {
    throw new MediaBucketError('invalid_config', `The media bucket endpoint "${config.endpoint}" is not an http(s) URL.`);
  }
  const expires = config.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS;
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRY_SECONDS) {
    throw new MediaBucketError('invalid_config', `Media links can last from 1 second to 7 days; ${expires} seconds is outside that.`);
  }
  return expires;
}

/** The AWS SDK, loaded on first use: most creators never set a bucket, and it is slow to load. */
async function loadSdk() {
  const [s3, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  return { ...s3, getSignedUrl: presigner.getSignedUrl };
}
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

async function clientFor(config: S3BucketConfig, log?: Logger): Promise<{ s3: S3Client; sdk: Sdk }> {
  const sdk = await loadSdk();
  const quiet = () => {};
  const s3 = new sdk.S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle ?? false,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Many S3-compatible servers reject the SDK's newer default checksums (aws-chunked trailers).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5000, requestTimeout: 120_000 },
    // The SDK would print to the console; its warnings go to our log, its chatter nowhere.
    logger: { trace: quiet, debug: quiet, info: quiet, warn: (...a: unknown[]) => log?.warn(`s3: ${a.map(String).join(' ')}`), error: (...a: unknown[]) => log?.warn(`s3: ${a.map(String).join(' ')}`) },
  });
  return { s3, sdk };
}

/** Any failure of an S3 call → a MediaBucketError a creator can act on. */
function explain(sdk: Sdk, err: unknown, config: S3BucketConfig, doing: string): MediaBucketError {
  if (err instanceof MediaBucketError) return err;
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } };
  const netCode = [e.code, e.cause?.code, e.name].find((c) => c && (NETWORK_CODES.includes(c) || c === 'TimeoutError'));
  if (netCode) {
    return new MediaBucketError('unreachable', `Can't reach the media bucket at ${config.endpoint} (${netCode}). Check the endpoint in Settings and your connection.`, e.message);
  }
  if (err instanceof sdk.S3ServiceException) {
    const status = err.$metadata?.httpStatusCode;
    const details = `${err.name}${status ? ` (HTTP ${status})` : ''}: ${err.message}`;
    if (err.name === 'NoSuchBucket') {
      return new MediaBucketError('no_such_bucket', `The media bucket "${config.bucket}" does not exist at ${config.endpoint}. Check the bucket name in Settings.`, details);
    }
    const credentials = ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'Forbidden', 'InvalidToken', 'ExpiredToken'].includes(err.name);
    return new MediaBucketError(
      'refused',
      `The media bucket refused the ${doing}: ${err.name}.${credentials ? ' Check the access key and secret in Settings, and that the key may write to this bucket.' : ''}`,
      details,
    );
  }
  return new MediaBucketError('failed', `The media bucket ${doing} failed: ${e.message ?? String(err)}`);
}

/** 404 means "not there yet"; a 403 on HEAD can too (keys without ListBucket), so upload anyway. */
function absentOrUnknown(sdk: Sdk, err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return err instanceof sdk.S3ServiceException && (status === 404 || status === 403 || err.name === 'NotFound');
}

export function createS3PublicUrls(config: S3BucketConfig, deps: { log: Logger; clock: Pick<Clock, 'now'> }): PublicUrlProvider {
  const expiresIn = validate(config);
  let client: Promise<{ s3: S3Client; sdk: Sdk }> | null = null;
  const now = () => deps.clock.now();
  const inFlight = new Map<string, Promise<void>>();

  async function ensureUploaded({ s3, sdk }: { s3: S3Client; sdk: Sdk }, key: string, file: { mime: string; path: string }): Promise<void> {
    const { size } = await stat(file.path);
    try {
      const head = await s3.send(new sdk.HeadObjectCommand({ Bucket: config.bucket, Key: key }));
      if (head.ContentLength === size) return;
    } catch (err) {
      if (!absentOrUnknown(sdk, err)) throw explain(sdk, err, config, 'check for the file');
    }
    try {
      await s3.send(new sdk.PutObjectCommand({ Bucket: config.bucket, Key: key, Body: createReadStream(file.path), ContentLength: size, ContentType: file.mime }));
    } catch (err) {
      throw explain(sdk, err, config, 'upload');
    }
    deps.log.info('media bucket: uploaded', { key, bytes: size });
  }

  return {
    async publicUrl(file) {
      const key = `${config.keyPrefix ?? ''}${file.hash}${EXTENSIONS[file.mime] ?? ''}`;
      client ??= clientFor(config, deps.log);
      const c = await client;
      // Two targets publishing the same file at once share one upload.
      let pending = inFlight.get(key);
      if (!pending) {
        pending = ensureUploaded(c, key, file).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      await pending;
      return c.sdk.getSignedUrl(c.s3, new c.sdk.GetObjectCommand({ Bucket: config.bucket, Key: key }), { expiresIn, signingDate: new Date(now()) });
    },
  };
}

/** Whether platforms on the internet could fetch from this endpoint at all. */
function privateEndpointWarning(endpoint: string): string | null {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  const local =
    host === 'localhost' ||
    host.endsWith('.local') ||
    (isIP(host) !== 0 && /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|::1$|fc|fd|fe80)/i.test(host));
  return local ? `The endpoint ${host} is on this computer or a private network: platforms on the internet cannot fetch media from it.` : null;
}

/**
 * The Settings "Test connection" button: writes and deletes a tiny probe object, and (given
 * `http`) reads it back through a presigned link as a platform would.
 */
export async function checkBucket(
  config: S3BucketConfig,
  deps: { http?: HttpFetch; clock: Pick<Clock, 'now'>; log?: Logger },
): Promise<{ ok: true; presignedReadChecked: boolean; warnings: string[] }> {
  const expiresIn = validate(config);
  const { s3, sdk } = await clientFor(config, deps.log);
  const key = `${config.keyPrefix ?? ''}loomcast-connection-test-${deps.clock.now().toString(36)}.txt`;
  const probe = 'Loomcast connection test';
  try {
    await s3.send(new sdk.PutObjectCommand({ Bucket: config.bucket, Key: key, Body: probe, ContentType: 'text/plain' }));
  } catch (err) {
    throw explain(sdk, err, config, 'upload');
  }
  const warnings: string[] = [];
  let presignedReadChecked = false;
  try {
    if (deps.http) {
      const url = await sdk.getSignedUrl(s3, new sdk.GetObjectCommand({ Bucket: config.bucket, Key: key }), { expiresIn });
      let res: Response;
      try {
        res = await deps.http(url);
      } catch (err) {
        throw explain(sdk, err, config, 'download through a presigned link');
      }
      const body = await res.text();
      if (!res.ok || body !== probe) {
        throw new MediaBucketError('refused', `The media bucket took the file but would not hand it out through a presigned link (HTTP ${res.status}).`, body.slice(0, 500));
      }
      presignedReadChecked = true;
    }
  } finally {
    try {
      await s3.send(new sdk.DeleteObjectCommand({ Bucket: config.bucket, Key: key }));
    } catch (err) {
      // The write worked; a key that may not delete is worth knowing but is not a failure.
      warnings.push(`The test file ${key} could not be deleted (${explain(sdk, err, config, 'delete').details ?? (err as Error).message}).`);
    }
  }
  const warning = privateEndpointWarning(config.endpoint);
  if (warning) warnings.push(warning);
  return { ok: true, presignedReadChecked, warnings };
}

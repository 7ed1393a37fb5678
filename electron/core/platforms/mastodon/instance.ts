/** What this instance allows, from `GET /api/v2/instance` (Mastodon 4.0+), for the composer's counters. */
import { PlatformError } from '../types';
import { detailsOf, readJson, request } from '../common/http';
import { NAME, apiUrl } from './api';
import type { HttpOnly } from './connector';
import { DESCRIPTION_LIMIT } from './media';

export interface InstanceLimits {
  maxCharacters: number;
  maxMediaAttachments: number;
  charactersReservedPerUrl: number;
  /** Bytes. */
  imageSizeLimit: number;
  descriptionLimit: number;
}

/** Mastodon's own defaults, used for any field an instance leaves out (older versions, forks). */
export const DEFAULT_LIMITS: InstanceLimits = {
  maxCharacters: 500,
  maxMediaAttachments: 4,
  charactersReservedPerUrl: 23,
  imageSizeLimit: 16 * 1024 * 1024,
  descriptionLimit: DESCRIPTION_LIMIT,
};

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

export async function fetchInstanceLimits(ctx: HttpOnly, instanceUrl: string): Promise<InstanceLimits> {
  const got = await request(ctx, apiUrl(instanceUrl, '/api/v2/instance'), { headers: { Accept: 'application/json' } });
  if (!got.ok) throw new PlatformError(`Could not reach ${new URL(instanceUrl).host}: ${got.failure.message}.`);
  const body = await readJson(got.res);
  if (got.res.status !== 200 || !body || typeof body !== 'object') {
    throw new PlatformError(`${NAME} did not describe this server's limits.`, detailsOf(got.res.status, body), got.res.status);
  }
  const config = (body as { configuration?: { statuses?: Record<string, unknown>; media_attachments?: Record<string, unknown> } }).configuration;
  const statuses = config?.statuses ?? {};
  const media = config?.media_attachments ?? {};
  return {
    maxCharacters: num(statuses.max_characters, DEFAULT_LIMITS.maxCharacters),
    maxMediaAttachments: num(statuses.max_media_attachments, DEFAULT_LIMITS.maxMediaAttachments),
    charactersReservedPerUrl: num(statuses.characters_reserved_per_url, DEFAULT_LIMITS.charactersReservedPerUrl),
    imageSizeLimit: num(media.image_size_limit, DEFAULT_LIMITS.imageSizeLimit),
    descriptionLimit: num(media.description_limit, DEFAULT_LIMITS.descriptionLimit),
  };
}

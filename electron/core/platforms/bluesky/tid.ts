/**
 * The record key of a Loomcast post, derived from the publish request's idempotency key.
 *
 * Why: a PDS refuses a second record at an rkey that is already taken, so if every attempt of
 * the same target writes to the same rkey, a retry can never make a second post, and
 * `getRecord(did, app.bsky.feed.post, rkey)` answers "was it posted?" exactly.
 *
 * app.bsky.feed.post keys must be TIDs: 13 base32-sortable characters encoding a 64-bit
 * integer whose top bit is 0, then 53 bits of microseconds since the Unix epoch, then a 10-bit
 * clock id. We take both from SHA-256 of the idempotency key:
 * - microseconds: the first 48 bits of the hash, modulo one year, added to 2023-01-01T00:00Z,
 *   so the stamp is always in the plausible past (never in the future, never before Bluesky);
 * - clock id: the next 10 bits.
 * That leaves ~2^55 distinct keys; two targets colliding is not a practical concern.
 *
 * The cost: a TID's stamp usually says when the record was made, and ours does not. Bluesky's
 * feeds sort by `createdAt`/indexing time, not by rkey, so only tools that sort a repository's
 * raw records by key see Loomcast posts out of order.
 */
import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const WINDOW_START_US = BigInt(Date.UTC(2023, 0, 1)) * 1000n;
const WINDOW_US = 365n * 24n * 3600n * 1_000_000n;

export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

export function tidFromKey(idempotencyKey: string): string {
  const hash = createHash('sha256').update(`loomcast:bluesky:${idempotencyKey}`, 'utf8').digest();
  const micros = WINDOW_START_US + (hash.readBigUInt64BE(0) >> 16n) % WINDOW_US;
  const clockId = BigInt(hash.readUInt16BE(6) & 0x3ff);
  let n = (micros << 10n) | clockId;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

/**
 * The duplicate guard's stored fingerprints (targets.guard_print, migration 0015). A copy's
 * fingerprint is that of its words (its own text, else the post's latest version) and the post's
 * media. '' means not worked out yet: copies from before 0015, and copies whose words or media
 * changed since (database triggers clear it, whoever wrote the change). The guard reads the
 * copies in its window whose fingerprint is the one it looks for or '', works the '' ones out,
 * and stores them when there are enough to be worth a write, so each is hashed about once.
 */
import { createHash } from 'node:crypto';
import { fingerprint } from '../../../shared/domain/fingerprint';
import type { Db } from '../store/open';
import { storeGuardPrints, storePostGuardPrint } from './targets';

const nodeSha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The guard's fingerprint (shared/domain/fingerprint.ts), hashed by Node: the same hex, faster. */
export function fingerprintOf(text: string, mediaHashes: readonly string[] = []): string {
  return fingerprint(text, mediaHashes, nodeSha256);
}

/** A copy whose fingerprint is not stored yet. */
const PRINT_PENDING = '';
/** From this many pending copies in one read, their fingerprints are stored (one transaction). */
const STORE_FROM = 8;

/**
 * Fingerprints of candidates already worked out, by their exact words and media: a pending copy
 * falls in the window of create after create until it is stored. Bounded: oldest go first.
 */
const PRINTS_KEPT = 5000;
const prints = new Map<string, string>();
export function printOf(text: string, media: string | null): string {
  const key = `${media ?? ''}\u0000${text}`;
  let p = prints.get(key);
  if (p === undefined) {
    p = fingerprintOf(text, media ? media.split(',') : []);
    if (prints.size >= PRINTS_KEPT) prints.delete(prints.keys().next().value!);
    prints.set(key, p);
  }
  return p;
}

const mediaOf = new WeakMap<Db, ReturnType<Db['prepare']>>();
function mediaStatement(db: Db) {
  let st = mediaOf.get(db);
  if (!st) {
    st = db.prepare(`SELECT group_concat(media_hash, ',') FROM post_media WHERE post_id = ?`).pluck();
    mediaOf.set(db, st);
  }
  return st;
}

/** A candidate as the guard reads it: its stored fingerprint, and its words and media. */
export interface PrintedRow {
  id: string;
  guard_print: string;
  text: string;
  media: string | null;
}

/**
 * Each row's fingerprint: the stored one, or worked out from its words and media (then stored
 * with the others when there are at least `storeFrom` of them, in one transaction).
 */
export function printsOf<R extends PrintedRow>(db: Db, rows: readonly R[], storeFrom = STORE_FROM): Map<R, string> {
  const out = new Map<R, string>();
  const pending: [string, string][] = [];
  for (const row of rows) {
    if (row.guard_print !== PRINT_PENDING) {
      out.set(row, row.guard_print);
      continue;
    }
    const p = printOf(row.text ?? '', row.media);
    out.set(row, p);
    pending.push([p, row.id]);
  }
  if (pending.length > 0 && pending.length >= storeFrom) storeGuardPrints(db, pending);
  return out;
}

/** The media hashes a stored post shows, for the guard to fingerprint it as its copies are. */
export function mediaOfPost(db: Db, postId: string): string[] {
  const media = mediaStatement(db).get(postId) as string | null;
  return media ? media.split(',') : [];
}

/**
 * Stores the fingerprint of a post's copies that use the post's words (call it inside the
 * transaction that wrote them, after its text and media are in place).
 */
export function storePostPrint(db: Db, postId: string, text: string): void {
  const media = mediaStatement(db).get(postId) as string | null;
  storePostGuardPrint(db, postId, printOf(text, media));
}

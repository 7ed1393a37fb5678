import type { Platform } from '../../../shared/domain/platforms';
import type { TargetState } from '../../../shared/domain/states';
import type { PostDto } from '../../../shared/contract';
import { isoInstant as iso } from './iso-instant';
import { makerFromColumns } from './made-by';

/**
 * A post read whole in one row: its columns from `posts` (alias p), and its current text, its
 * copies and their parts as JSON built by correlated subqueries on primary keys and
 * targets_one_per_destination (post_id, …). Readers that return many posts (the calendar's
 * range, a page of the list) select `POST_COLUMNS` from `posts p` and turn each row into a
 * PostDto with `postFromRow`: one statement for any number of posts, never one per post.
 */
export const POST_COLUMNS = `
  p.id, p.created_at, p.updated_at, p.created_by, p.created_via,
  v.number AS version, v.text,
  (SELECT json_group_array(json_array(t.id, t.platform, t.account_id, t.text_override, t.state, t.scheduled_at, t.zone, t.last_error, t.last_error_details, t.platform_url, t.rowid))
     FROM targets t WHERE t.post_id = p.id) AS targets_json,
  (SELECT json_group_array(json_array(tp.kind, tp.position, tp.text, t.rowid))
     FROM targets t JOIN target_parts tp ON tp.target_id = t.id WHERE t.post_id = p.id) AS parts_json`;

/** The current (highest-numbered) version of p, joined on post_versions' primary key. */
export const CURRENT_VERSION_JOIN = `JOIN post_versions v ON v.post_id = p.id AND v.number = (SELECT max(number) FROM post_versions WHERE post_id = p.id)`;

export interface PostJsonRow {
  id: string;
  created_at: number;
  updated_at: number;
  version: number;
  text: string;
  targets_json: string;
  parts_json: string;
  created_by: string | null;
  created_via: string | null;
}

type TargetTuple = [string, Platform, string | null, string | null, TargetState, number | null, string | null, string | null, string | null, string | null, number];
type PartTuple = ['thread' | 'comment', number, string, number];

/**
 * Copies in the order they were added (rowid), parts by copy then position. Sorted here rather
 * than in SQL: an ORDER BY inside the aggregate costs a temporary b-tree per post, and the
 * lists are one to a few items, nearly always in order already.
 */
function inOrder<T>(list: T[], before: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) if (before(list[i - 1]!, list[i]!) > 0) return list.sort(before);
  return list;
}


/** Every copy of a post carries the same parts (where its platform takes them). */
export function partsOf(parts: PartTuple[]): { thread: string[]; firstComment: string | null } {
  const thread: string[] = [];
  const seen = new Set<number>();
  let firstComment: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part[0] === 'comment') firstComment ??= part[2];
    else if (!seen.has(part[1])) {
      // Thread positions only: a copy that takes just a first comment numbers it 1 too.
      thread.push(part[2]);
      seen.add(part[1]);
    }
  }
  return { thread, firstComment };
}

const byTargetRowid = (a: TargetTuple, b: TargetTuple) => a[10] - b[10];
const byPartPlace = (a: PartTuple, b: PartTuple) => a[3] - b[3] || a[1] - b[1];

/**
 * Tuples are read by index, not destructured, and loops count rather than iterate: an array
 * pattern or for-of walks an iterator, garbage that adds up over a month of posts (see
 * iso-instant.ts for why garbage counts).
 */
export function postFromRow(row: PostJsonRow): PostDto {
  const targets = inOrder(JSON.parse(row.targets_json) as TargetTuple[], byTargetRowid);
  let first: TargetTuple | undefined;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (t[5] !== null && (first === undefined || t[5] < first[5]!)) first = t;
  }
  const { thread, firstComment } = partsOf(inOrder(JSON.parse(row.parts_json) as PartTuple[], byPartPlace));
  return {
    id: row.id,
    text: row.text,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    scheduledAt: first ? iso(first[5]!) : null,
    zone: first?.[6] ?? null,
    targets: targets.map((t) => ({
      id: t[0],
      platform: t[1],
      accountId: t[2],
      textOverride: t[3],
      state: t[4],
      scheduledAt: t[5] === null ? null : iso(t[5]),
      zone: t[6],
      lastError: t[7],
      lastErrorDetails: t[8],
      platformUrl: t[9],
    })),
    thread,
    firstComment,
    createdBy: makerFromColumns(row.created_by, row.created_via),
  };
}

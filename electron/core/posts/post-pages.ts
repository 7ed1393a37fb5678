import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { PostDto } from '../../../shared/contract';
import type { Db } from '../store/open';
import { LIST_KEYS, type ListKey, type ListScope, type createPostLists } from './post-lists';

/**
 * `posts:page`: a scope read page after page by where the last page stopped (a keyset cursor),
 * not by how many came before it (`posts:list`'s offset). Two things follow:
 * - exact while the lists move: a post going out between two pages no longer shifts the next
 *   page by one, so none is skipped or read twice (by offset, every post that leaves `upcoming`
 *   meanwhile hides one that has not been read yet);
 * - flat: a page deep in the history is a seek (post-lists.ts's statements start after a key),
 *   where an offset walked every post before it (`published` from the 50,000th post: ~600 ms at
 *   100,000 posts, 7–9 ms by cursor).
 * The cursor is the last post's sort key, with its scope and campaign, as base64url JSON.
 */

const SCOPES = Object.keys(LIST_KEYS) as [ListScope, ...ListScope[]];
const Cursor = z.strictObject({
  scope: z.enum(SCOPES),
  campaignId: z.string().nullable(),
  key: z.array(z.union([z.number(), z.string().max(200)])).min(2).max(3),
});

export const encodeCursor = (scope: ListScope, campaignId: string | null, key: ListKey): string =>
  Buffer.from(JSON.stringify({ scope, campaignId, key }), 'utf8').toString('base64url');

/** The key to start after, from a cursor this scope (and campaign) gave; a typed error naming `cursor` otherwise. */
export function decodeCursor(cursor: string, scope: ListScope, campaignId: string | null): ListKey {
  const refuse = (why: string) => new AppError('invalid_input', `The cursor ${why}. Ask for the first page again (leave cursor out).`, { issues: [{ path: ['cursor'], message: why }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('is not one posts:page gave');
  }
  const c = Cursor.safeParse(parsed);
  const kinds = LIST_KEYS[scope].kinds;
  if (!c.success || c.data.key.length !== kinds.length || c.data.key.some((k, i) => typeof k !== kinds[i])) throw refuse('is not one posts:page gave');
  if (c.data.scope !== scope || c.data.campaignId !== campaignId) throw refuse(`belongs to another list (${c.data.scope}${c.data.campaignId ? ' in a campaign' : ''})`);
  return c.data.key;
}

export interface PageQuery {
  scope: ListScope;
  limit: number;
  campaignId?: string;
  cursor?: string;
}

/** A page of the scope after the cursor's post, and the cursor of the next page (null after the last). */
export function readPage(db: Db, lists: Pick<ReturnType<typeof createPostLists>, 'rows' | 'read'>, { scope, limit, campaignId, cursor }: PageQuery): { posts: PostDto[]; next: string | null } {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, scope, campaignId ?? null);
  return db.transaction(() => {
    // One more than the page: whether there is a next page, without a page that comes back empty.
    const rows = lists.rows({ scope, campaignId, after, limit: limit + 1 });
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { posts: lists.read(shown.map((r) => r[0])), next: rows.length > limit && last ? encodeCursor(scope, campaignId ?? null, last.slice(1)) : null };
  })();
}

/**
 * After an unknown outcome: look for the pin on the board (`GET /v5/boards/{id}/pins`), made
 * since the attempt began, with the same title and description. Never posts.
 *
 * A listing that fails for a reason that passes (network, 5xx, 429, an expired token) throws a
 * PlatformError: the scheduler then looks again later instead of giving up on the post.
 * `cannot_tell` is kept for what the API truly cannot answer (no board, a refused board).
 */
import { PlatformError, type ClientContext, type PublishRequest, type ReconcileResult } from '../types';
import { z } from 'zod';
import { detailsOf, readJson, request } from '../common/http';
import { shaped } from '../common/shape';
import { apiRoot, errorMessage, pinUrl } from './api';
import { pinText, sameText } from './pin-fields';

/** Pinterest's created_at has whole seconds and its clock is not ours: allow a little slack. */
const CLOCK_SLACK_MS = 60_000;
const PAGE_SIZE = 25;
const MAX_PAGES = 4;

const ListedPin = z.object({ id: z.unknown(), title: z.unknown(), description: z.unknown(), created_at: z.unknown() });
type ListedPin = z.infer<typeof ListedPin>;
/** A page of the board's pins; one that is not (a proxy's page, null) is "look again later", never "not there". */
const PageShape = z.object({ items: z.array(ListedPin).optional(), bookmark: z.string().nullable().optional() });

/** "2020-01-01T20:10:40-00:00", or the same without a zone, which we read as UTC. */
function createdAt(pin: ListedPin): number {
  if (typeof pin.created_at !== 'string') return Number.NaN;
  const s = pin.created_at.trim();
  return Date.parse(/([zZ]|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s}Z`);
}

export async function findPin(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const boardId = ctx.credentials.extra?.boardId;
  if (!boardId) return { kind: 'cannot_tell', reason: 'No Pinterest board is recorded for this account, so there is nowhere to look.' };
  const want = pinText(req);
  // A pin with no words would match any other wordless pin saved to the board meanwhile.
  if (!want.description && !want.title) {
    return { kind: 'cannot_tell', reason: 'The pin has no title or description, so Loomcast cannot tell it apart from the board\'s other pins.' };
  }
  const since = req.attemptStartedAt - CLOCK_SLACK_MS;
  const base = `${apiRoot(ctx.account.baseUrl)}/boards/${encodeURIComponent(boardId)}/pins?page_size=${PAGE_SIZE}`;
  let bookmark: string | null = null;

  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await request(ctx, bookmark ? `${base}&bookmark=${encodeURIComponent(bookmark)}` : base, {
      headers: { authorization: `Bearer ${ctx.credentials.accessToken}`, accept: 'application/json' },
    });
    if (!r.ok) throw new PlatformError(`Could not look at the Pinterest board (${r.failure.message}); check again later.`);
    let body: unknown;
    try {
      body = await readJson(r.res);
    } catch (err) {
      throw new PlatformError(`Pinterest's list of pins was cut off (${(err as Error).message}); check again later.`);
    }
    if (!r.res.ok) {
      const status = r.res.status;
      const said = `HTTP ${status}${errorMessage(body) ? `: ${errorMessage(body)}` : ''}`;
      if (status === 401 || status === 429 || status >= 500) {
        throw new PlatformError(`Pinterest could not list the board's pins right now (${said}); check again later.`, detailsOf(status, body), status);
      }
      return { kind: 'cannot_tell', reason: `Pinterest would not list the board's pins (${said}).` };
    }
    const listed = shaped(PageShape, body, r.res.status, 'Pinterest');
    const items = listed.items ?? [];
    const hit = items.find((p) => typeof p.id === 'string' && createdAt(p) >= since && sameText(p, want));
    if (hit) return { kind: 'found', platformPostId: hit.id as string, url: pinUrl(hit.id as string) };
    // The list comes newest first: once it reaches pins older than the attempt, we have seen all newer ones.
    const reachedOlder = items.some((p) => createdAt(p) < since);
    const next = listed.bookmark;
    if (reachedOlder || !next) return { kind: 'not_found' };
    bookmark = next;
  }
  return { kind: 'cannot_tell', reason: `More than ${PAGE_SIZE * MAX_PAGES} pins were added to the board since the attempt; Loomcast did not check them all.` };
}

/** `POST /v5/pins` (with the kit's faults), the board's pin list, and pin analytics. */
import type { AcceptedPost, FakeRequest, FakeServer, Reply } from '../common/fake-server';
import { authorize, err, isReply, pinterestTime, rateLimited, type PinterestState } from './state';

const LIMITS: [field: string, max: number][] = [
  ['title', 100],
  ['description', 800],
  ['alt_text', 500],
  ['link', 2048],
];
const METRIC_TYPES = ['IMPRESSION', 'OUTBOUND_CLICK', 'PIN_CLICK', 'SAVE', 'SAVE_RATE', 'TOTAL_COMMENTS', 'TOTAL_REACTIONS'];
const DAY_MS = 86_400_000;

function pinBody(p: AcceptedPost) {
  const d = p.data as Record<string, unknown>;
  return {
    id: p.id,
    created_at: pinterestTime(p.createdAt),
    board_id: d.board_id,
    board_owner: { username: p.accountKey },
    title: d.title ?? null,
    description: d.description ?? null,
    alt_text: d.alt_text ?? null,
    link: d.link ?? null,
    media: { media_type: d.media_type },
  };
}

/** Checks the media source the way Pinterest does before it makes the pin; a Reply means refused. */
type Checked = { ok: { media_type: string; bytes?: Buffer } } | { refused: Reply };

async function checkMedia(state: PinterestState, owner: string, source: Record<string, unknown> | undefined): Promise<Checked> {
  const bad = (m: string): Checked => ({ refused: err(400, 1, `Invalid request: ${m}`) });
  switch (source?.source_type) {
    case 'image_url': {
      if (typeof source.url !== 'string') return bad('media_source.url is required.');
      try {
        const res = await fetch(source.url);
        const type = res.headers.get('content-type') ?? '';
        if (!res.ok || !type.startsWith('image/')) return bad('Sorry! We could not fetch the image.');
        return { ok: { media_type: 'image', bytes: Buffer.from(await res.arrayBuffer()) } };
      } catch {
        return bad('Sorry! We could not fetch the image.');
      }
    }
    case 'image_base64': {
      if (source.content_type !== 'image/jpeg' && source.content_type !== 'image/png') return bad('media_source.content_type must be image/jpeg or image/png.');
      const bytes = typeof source.data === 'string' ? Buffer.from(source.data, 'base64') : Buffer.alloc(0);
      if (bytes.length === 0) return bad('media_source.data is not a valid base64 image.');
      return { ok: { media_type: 'image', bytes } };
    }
    case 'video_id': {
      const m = typeof source.media_id === 'string' ? state.media.get(source.media_id) : undefined;
      if (!m || m.owner !== owner) return { refused: err(404, 1, 'Media not found.') };
      if (m.statuses.at(-1) !== 'succeeded') return bad('The video has not finished processing.');
      if (source.cover_image_url === undefined && source.cover_image_key_frame_time === undefined) return bad('A video pin needs cover_image_url or cover_image_key_frame_time.');
      return { ok: { media_type: 'video' } };
    }
    default:
      return bad('media_source.source_type is required.');
  }
}

export function pinRoutes(server: FakeServer, state: PinterestState): void {
  server.route('POST', '/v5/pins', async (req): Promise<Reply> => {
    const fault = server.takeFault();
    if (fault?.kind === 'reset_before_send') return 'reset';
    if (fault?.kind === 'rate_limit') return rateLimited(state, server.now(), fault.resetInSeconds);
    if (fault?.kind === 'server_error') return err(fault.status ?? 500, 0, 'Something went wrong on our end. Sorry about that.');
    const t = authorize(server, req, 'boards:read', 'pins:write');
    if (isReply(t)) return t;
    const b = (req.body ?? {}) as Record<string, unknown>;
    const board = state.opts.boards.find((x) => x.id === b.board_id);
    if (!board) return err(404, 1, 'Board not found.');
    for (const [field, max] of LIMITS) {
      if (typeof b[field] === 'string' && [...(b[field] as string)].length > max) return err(400, 1, `Invalid request: ${field} must be at most ${max} characters.`);
    }
    const checked = await checkMedia(state, t.subject, b.media_source as Record<string, unknown> | undefined);
    if ('refused' in checked) return checked.refused;
    const media = checked.ok;
    const post = server.accept({
      id: state.nextId(),
      accountKey: t.subject,
      text: `${b.title ?? ''}\n${b.description ?? ''}`,
      data: { ...b, media_type: media.media_type, ...(media.bytes ? { imageBytes: media.bytes } : {}) },
    });
    if (fault?.kind === 'timeout_after_accept') return 'hang';
    return { status: 201, body: pinBody(post) };
  });

  server.route('GET', '/v5/boards/{board_id}/pins', (req): Reply => {
    const fault = state.listFaults.shift();
    if (fault?.kind === 'reset_before_send') return 'reset';
    if (fault?.kind === 'rate_limit') return rateLimited(state, server.now(), fault.resetInSeconds);
    if (fault?.kind === 'server_error') return err(fault.status ?? 500, 0, 'Something went wrong on our end. Sorry about that.');
    const t = authorize(server, req, 'boards:read', 'pins:read');
    if (isReply(t)) return t;
    if (!state.opts.boards.some((x) => x.id === req.params.board_id)) return err(404, 1, 'Board not found.');
    const pageSize = Math.min(250, Number(req.query.get('page_size') ?? 25));
    const from = Number(req.query.get('bookmark') ?? 0);
    // Newest first, as a board shows new pins.
    const all = server.posts.filter((p) => p.data.board_id === req.params.board_id && p.accountKey === t.subject).reverse();
    const page = all.slice(from, from + pageSize);
    return { status: 200, body: { items: page.map(pinBody), bookmark: from + pageSize < all.length ? String(from + pageSize) : null } };
  });

  server.route('GET', '/v5/pins/{pin_id}/analytics', (req: FakeRequest): Reply => {
    const fault = state.analyticsFaults.shift();
    if (fault?.kind === 'reset_before_send') return 'reset';
    if (fault?.kind === 'rate_limit') return rateLimited(state, server.now(), fault.resetInSeconds);
    if (fault?.kind === 'server_error') return err(fault.status ?? 500, 0, 'Something went wrong on our end. Sorry about that.');
    const t = authorize(server, req, 'pins:read');
    if (isReply(t)) return t;
    const pin = server.posts.find((p) => p.id === req.params.pin_id && p.accountKey === t.subject);
    if (!pin) return err(404, 1, 'Pin not found.');
    const start = Date.parse(`${req.query.get('start_date')}T00:00:00Z`);
    const end = Date.parse(`${req.query.get('end_date')}T00:00:00Z`);
    const types = (req.query.get('metric_types') ?? '').split(',').filter(Boolean);
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) return err(400, 1, 'Invalid request: start_date and end_date must be YYYY-MM-DD, start before end.');
    if (end - start > 90 * DAY_MS || start < server.now() - 91 * DAY_MS) return err(400, 1, 'Invalid request: pin analytics cover at most the last 90 days.');
    if (types.length === 0 || types.some((x) => !METRIC_TYPES.includes(x))) return err(400, 1, 'Invalid request: metric_types.');
    const all = state.metrics.get(pin.id) ?? {};
    const picked = Object.fromEntries(types.filter((x) => x in all).map((x) => [x, all[x]]));
    const app = (req.query.get('app_types') ?? 'ALL').toUpperCase();
    return {
      status: 200,
      body: { [app]: { daily_metrics: [{ date: req.query.get('end_date'), data_status: 'READY', metrics: picked }], lifetime_metrics: picked, summary_metrics: picked } },
    };
  });
}

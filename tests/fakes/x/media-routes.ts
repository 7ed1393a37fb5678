/**
 * X API v2 media: simple `POST /2/media/upload` (multipart), chunked
 * `initialize` → `{id}/append` → `{id}/finalize`, `GET /2/media/upload?command=STATUS` while a
 * GIF or video processes (pending → in_progress → succeeded, `check_after_secs` between), and
 * `POST /2/media/metadata` for alt text (images and GIFs only).
 */
import type { FakeRequest, Reply } from '../common/fake-server';
import type { XFake } from './index';
import { parseMultipart } from './multipart';
import { invalidRequest } from './replies';

export interface FakeMedia {
  id: string;
  ownerId: string;
  category: string;
  mediaType: string;
  totalBytes: number;
  segments: Map<number, Buffer>;
  finalized: boolean;
  /** null: nothing to process (images). */
  processing: 'pending' | 'in_progress' | 'succeeded' | 'failed' | null;
  polls: number;
  error?: string;
  altText?: string;
}

const EXPIRES_AFTER_SECS = 86_400;
const CATEGORIES = ['tweet_image', 'tweet_gif', 'tweet_video', 'dm_image', 'dm_gif', 'dm_video', 'subtitles', 'amplify_video'];
const ALT_TEXT_MAX = 1000;

const size = (m: FakeMedia) => [...m.segments.values()].reduce((n, b) => n + b.length, 0);

function processingInfo(fake: XFake, m: FakeMedia): Record<string, unknown> | undefined {
  if (m.processing === null) return undefined;
  if (m.processing === 'failed') return { state: 'failed', progress_percent: 100, error: { code: 1, name: 'InvalidMedia', message: m.error ?? 'Unsupported video format' } };
  if (m.processing === 'succeeded') return { state: 'succeeded', progress_percent: 100 };
  return { state: m.processing, check_after_secs: fake.checkAfterSecs, progress_percent: m.processing === 'pending' ? 0 : 50 };
}

function answer(fake: XFake, m: FakeMedia): Reply {
  const info = processingInfo(fake, m);
  return { status: 200, body: { data: { id: m.id, media_key: `${m.category.includes('video') ? 7 : m.category.includes('gif') ? 16 : 3}_${m.id}`, size: size(m), expires_after_secs: EXPIRES_AFTER_SECS, ...(info ? { processing_info: info } : {}) } } };
}

function simple(fake: XFake, req: FakeRequest, userId: string): Reply {
  const parts = parseMultipart(req.raw, req.headers['content-type']);
  const media = parts?.get('media');
  if (!parts || !media || media.data.length === 0) return invalidRequest('The `media` field is required.', { media: [] });
  const category = parts.get('media_category')?.data.toString('utf8') ?? 'tweet_image';
  if (!CATEGORIES.includes(category)) return invalidRequest(`Invalid media_category: ${category}`, { media_category: [category] });
  const m: FakeMedia = { id: fake.newId(), ownerId: userId, category, mediaType: media.contentType ?? 'application/octet-stream', totalBytes: media.data.length, segments: new Map([[0, media.data]]), finalized: true, processing: null, polls: 0 };
  fake.media.set(m.id, m);
  return answer(fake, m);
}

function initialize(fake: XFake, req: FakeRequest, userId: string): Reply {
  const b = req.body ?? {};
  const total = Number(b.total_bytes);
  const category = String(b.media_category ?? '');
  if (typeof b.media_type !== 'string' || !Number.isInteger(total) || total <= 0) return invalidRequest('media_type and total_bytes are required.', { media_type: [b.media_type], total_bytes: [b.total_bytes] });
  if (!CATEGORIES.includes(category)) return invalidRequest(`Invalid media_category: ${category}`, { media_category: [category] });
  const m: FakeMedia = { id: fake.newId(), ownerId: userId, category, mediaType: b.media_type, totalBytes: total, segments: new Map(), finalized: false, processing: null, polls: 0 };
  fake.media.set(m.id, m);
  return { status: 200, body: { data: { id: m.id, media_key: `7_${m.id}`, expires_after_secs: EXPIRES_AFTER_SECS } } };
}

function owned(fake: XFake, id: string | undefined, userId: string): FakeMedia | null {
  const m = id ? fake.media.get(id) : undefined;
  return m && m.ownerId === userId ? m : null;
}

function append(fake: XFake, req: FakeRequest, userId: string): Reply {
  const m = owned(fake, req.params.id, userId);
  if (!m || m.finalized) return invalidRequest('Invalid media id.', { id: [req.params.id] });
  const parts = parseMultipart(req.raw, req.headers['content-type']);
  const index = Number(parts?.get('segment_index')?.data.toString('utf8'));
  const media = parts?.get('media');
  if (!media || !Number.isInteger(index) || index < 0 || index > 999) return invalidRequest('segment_index (0-999) and media are required.', { segment_index: [index] });
  m.segments.set(index, media.data);
  return { status: 200, body: { data: { expires_at: Math.floor(fake.now() / 1000) + EXPIRES_AFTER_SECS } } };
}

function finalize(fake: XFake, req: FakeRequest, userId: string): Reply {
  const m = owned(fake, req.params.id, userId);
  if (!m || m.finalized) return invalidRequest('Invalid media id.', { id: [req.params.id] });
  const indices = [...m.segments.keys()].sort((a, b) => a - b);
  if (indices.some((v, i) => v !== i) || size(m) !== m.totalBytes) return invalidRequest(`File size mismatch: expected ${m.totalBytes} bytes, got ${size(m)}.`, { id: [m.id] });
  m.finalized = true;
  m.processing = m.category === 'tweet_image' || m.category === 'dm_image' ? null : 'pending';
  return answer(fake, m);
}

function status(fake: XFake, req: FakeRequest, userId: string): Reply {
  if (req.query.get('command') !== 'STATUS') return invalidRequest('command must be STATUS.', { command: [req.query.get('command')] });
  const m = owned(fake, req.query.get('media_id') ?? undefined, userId);
  if (!m || !m.finalized) return invalidRequest('Invalid media_id.', { media_id: [req.query.get('media_id')] });
  if (m.processing === 'pending' || m.processing === 'in_progress') {
    m.polls++;
    if (m.polls >= fake.processingPolls) {
      m.processing = fake.failNextProcessing ? 'failed' : 'succeeded';
      if (fake.failNextProcessing) m.error = fake.failNextProcessing;
      fake.failNextProcessing = null;
    } else m.processing = 'in_progress';
  }
  return answer(fake, m);
}

function metadata(fake: XFake, req: FakeRequest, userId: string): Reply {
  const b = (req.body ?? {}) as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } };
  const m = owned(fake, typeof b.id === 'string' ? b.id : undefined, userId);
  if (!m) return invalidRequest('Invalid media id.', { id: [b.id] });
  const text = b.metadata?.alt_text?.text;
  if (typeof text !== 'string' || text.length > ALT_TEXT_MAX) return invalidRequest(`alt_text.text must be a string of at most ${ALT_TEXT_MAX} characters.`, { 'metadata.alt_text.text': [] });
  if (m.category.includes('video')) return invalidRequest('Alt text is supported for images and GIFs only.', { id: [m.id] });
  m.altText = text;
  return { status: 200, body: { data: { id: m.id, associated_metadata: { alt_text: { text } } } } };
}

export function registerMediaRoutes(fake: XFake): void {
  const scopes = ['media.write'];
  const write = (path: string, fn: (f: XFake, r: FakeRequest, u: string) => Reply) => fake.route('POST', path, fake.guard('POST /2/media/upload', scopes, true, (req, t) => fn(fake, req, t.subject)));
  write('/2/media/upload', simple);
  write('/2/media/upload/initialize', initialize);
  write('/2/media/upload/{id}/append', append);
  write('/2/media/upload/{id}/finalize', finalize);
  write('/2/media/metadata', metadata);
  fake.route('GET', '/2/media/upload', fake.guard('GET /2/media/upload', scopes, false, (req, t) => status(fake, req, t.subject)));
}

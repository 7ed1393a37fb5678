/**
 * Link cards: the page a link leads to, read by the core within a time and size limit, and
 * remembered for a while so typing around a link (or publishing soon after the preview) does not
 * fetch it again. The composer's previews ask through `links:preview`; the publisher asks for the
 * card a post carries for its first link where the platform's API builds none (Bluesky, LinkedIn).
 * Every way it can fail is an answer in words, never a thrown error.
 */
import type { LinkPreviewDto, LinkProblemDto } from '../../../shared/contract/features/links';
import { firstLink } from '../../../shared/text-rules/first-link';
import type { Clock, Logger } from '../deps';
import { fetchCardImage } from './card-image';
import { fetchLimited, webUrl, type FetchProblem } from './fetch-limited';
import { createHeadReader } from './parse-head';
import { publicWebFetch, type PublicWebOptions } from './public-web';

export const PAGE_TIMEOUT_MS = 5_000;
export const MAX_PAGE_BYTES = 512 * 1024;
export const MAX_REDIRECTS = 5;
/** Cards hold images of up to 1 MB, so the cache stays small. */
const CACHE_ENTRIES = 40;
const CARD_TTL_MS = 15 * 60_000;
/** A failure is asked again sooner: the site may be back, or the creator fixed the link. */
const FAILURE_TTL_MS = 60_000;

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** The card a post carries to a platform: its words, and its picture as bytes to upload. */
export type PostLinkCard =
  | { ok: true; url: string; title: string; description: string; image: { bytes: Uint8Array; mime: string } | null }
  /** `reason`: why there is no card, in the creator's words (the preview's own message). */
  | { ok: false; url: string; reason: string };

function failure(url: string, problem: LinkProblemDto, detail: string | null, contentType?: string | null): LinkPreviewDto {
  const message: Record<LinkProblemDto, string> = {
    bad_url: 'Only web addresses (http or https) get a link card.',
    timeout: `The page did not answer within ${PAGE_TIMEOUT_MS / 1000} seconds.`,
    too_large: `The page is too large to read its title: its head goes on past ${MAX_PAGE_BYTES / 1024} KB.`,
    not_html: `The link leads to ${contentType ? `a file (${contentType})` : 'something'} rather than a web page, so there is no card.`,
    unreachable: `The page could not be reached${detail ? ` (${detail.replace(/\.$/, '')})` : ''}.`,
    too_many_redirects: `The page redirects more than ${MAX_REDIRECTS} times, so Loomcast stopped following it.`,
  };
  return { ok: false, url, problem, message: message[problem] };
}

/** `data:image/png;base64,…` back to its bytes and type (the cache keeps the renderer's form only). */
function imageBytes(dataUrl: string | null): { bytes: Uint8Array; mime: string } | null {
  const m = dataUrl ? /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl) : null;
  return m ? { mime: m[1]!, bytes: new Uint8Array(Buffer.from(m[2]!, 'base64')) } : null;
}

/**
 * `web`: how far the reader may reach: public addresses only, always; tests may add this machine's
 * loopback for their fixture servers. There is no way to hand it a fetch that skips the check.
 */
export function createLinkCards(opts: { clock: Clock; log: Logger; web?: PublicWebOptions }) {
  const { clock, log } = opts;
  const deps = { clock, http: publicWebFetch(opts.web) };
  // Insertion order is recency: a hit is moved to the end, the oldest entry goes first.
  const cache = new Map<string, { value: LinkPreviewDto; until: number }>();
  const inFlight = new Map<string, Promise<LinkPreviewDto>>();

  const remember = (url: string, value: LinkPreviewDto) => {
    cache.delete(url);
    cache.set(url, { value, until: clock.now() + (value.ok ? CARD_TTL_MS : FAILURE_TTL_MS) });
    while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  };

  async function load(raw: string): Promise<LinkPreviewDto> {
    const url = webUrl(raw);
    if (!url) return failure(raw, 'bad_url', null);
    const head = { reader: null as ReturnType<typeof createHeadReader> | null };
    const page = await fetchLimited(deps, url, {
      timeoutMs: PAGE_TIMEOUT_MS,
      maxRedirects: MAX_REDIRECTS,
      maxBytes: MAX_PAGE_BYTES,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
      wanted: (type) => HTML_TYPES.has(type),
      sink: (chunk, charset) => (head.reader ??= createHeadReader(charset)).write(chunk),
    });
    if (!page.ok) {
      const problem: Record<FetchProblem, LinkProblemDto> = { bad_url: 'bad_url', timeout: 'timeout', too_large: 'too_large', wrong_type: 'not_html', unreachable: 'unreachable', too_many_redirects: 'too_many_redirects' };
      return failure(raw, problem[page.problem], page.detail, page.detail);
    }
    const meta = (head.reader ?? createHeadReader(page.charset)).finish();
    if (page.truncated && !meta.found) return failure(raw, 'too_large', null);
    const image = meta.image ? await fetchCardImage(deps, meta.image, page.finalUrl, MAX_REDIRECTS) : { dataUrl: null, problem: 'none' as const };
    return {
      ok: true,
      url: raw,
      finalUrl: page.finalUrl.href,
      domain: page.finalUrl.hostname.replace(/^www\./, ''),
      title: meta.title,
      description: meta.description,
      siteName: meta.siteName,
      image: image.dataUrl,
      imageProblem: image.problem,
      largeImage: meta.largeImage,
    };
  }

  /** The card for `url`: from the cache while fresh, else read once however many ask at the same time. */
  function preview(url: string): Promise<LinkPreviewDto> {
    const hit = cache.get(url);
    if (hit && hit.until > clock.now()) {
      remember(url, hit.value);
      return Promise.resolve(hit.value);
    }
    const pending = inFlight.get(url);
    if (pending) return pending;
    const started = clock.now();
    const job = load(url)
      .catch((err: unknown) => failure(url, 'unreachable', (err as Error).message))
      .then((value) => {
        remember(url, value);
        // The host only, never the path: links can carry private tokens.
        log.info('link card read', { host: webUrl(url)?.host ?? null, ok: value.ok, problem: value.ok ? (value.imageProblem ?? null) : value.problem, ms: clock.now() - started });
        return value;
      })
      .finally(() => inFlight.delete(url));
    inFlight.set(url, job);
    return job;
  }

  return {
    preview,
    /**
     * The card a platform builds for the first link of `text`, as the composer's preview shows it
     * (same link, same reader): null when the text has no link. A page without a title is named
     * by its host, as the preview names it.
     */
    async forText(text: string): Promise<PostLinkCard | null> {
      const url = firstLink(text);
      if (!url) return null;
      const card = await preview(url);
      if (!card.ok) return { ok: false, url, reason: card.message };
      return { ok: true, url, title: card.title ?? card.domain, description: card.description ?? '', image: imageBytes(card.image) };
    },
  };
}

export type LinkCards = ReturnType<typeof createLinkCards>;

/**
 * The card's picture, fetched with its own time and size limit and handed to the renderer as a
 * data: URL: its content security policy shows no remote images. Only the raster formats every
 * platform shows are taken, checked by their first bytes rather than trusted by their header.
 */
import type { LinkImageProblemDto } from '../../../shared/contract/features/links';
import type { Clock } from '../deps';
import { fetchLimited, webUrl } from './fetch-limited';
import type { PageFetch } from './public-web';

export const MAX_IMAGE_BYTES = 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 5_000;

function sniff(b: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((x, i) => b[i] === x);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  return null;
}

export async function fetchCardImage(
  deps: { http: PageFetch; clock: Clock },
  raw: string,
  page: URL,
  maxRedirects: number,
): Promise<{ dataUrl: string; problem: null } | { dataUrl: null; problem: LinkImageProblemDto }> {
  const url = webUrl(raw, page);
  if (!url) return { dataUrl: null, problem: 'bad_url' };
  const r = await fetchLimited(deps, url, {
    timeoutMs: IMAGE_TIMEOUT_MS,
    maxRedirects,
    maxBytes: MAX_IMAGE_BYTES,
    accept: 'image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1',
    // Some servers send images as octet-stream; the bytes decide below.
    wanted: (type) => type.startsWith('image/') || type === 'application/octet-stream' || type === '',
  });
  if (!r.ok) return { dataUrl: null, problem: r.problem === 'wrong_type' ? 'not_image' : r.problem };
  const mime = sniff(r.body);
  if (!mime) return { dataUrl: null, problem: 'not_image' };
  return { dataUrl: `data:${mime};base64,${Buffer.from(r.body).toString('base64')}`, problem: null };
}

/**
 * A fingerprint of what a post says and shows, for the duplicate guard: the text normalised
 * (so a changed space, capital or tracking parameter is still "the same post") plus its media
 * hashes in any order, as SHA-256 hex. Pure and synchronous, so the core can check inside a
 * transaction and the composer can compute the same value in the browser.
 */

/** Query parameters that only say where a click came from; the page is the same without them. */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'mc_cid', 'mc_eid', 'igshid', '_hsenc', '_hsmi', 'mkt_tok']);
const isTracking = (name: string) => {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
};

/** A web address in running text; trailing sentence punctuation is not part of it. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]}'’”]/gi;
/** Emoji and text presentation selectors (VS15, VS16) and the rest of the variation selectors. */
const VARIATION_SELECTORS = /[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g;
/** Punctuation (or space) at the very end changes nothing about what was said: each such character. */
const TRAILING_PUNCTUATION = /[\s.,;:!?…。！？、·•\-–—~]/u;

/** A query pair's name as a form decodes it ("utm%5Fsource", "UTM_source"); the raw name if it can't be decoded. */
const pairName = (pair: string) => {
  const name = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
};

/**
 * The query without its tracking pairs, the others left exactly as written. URLSearchParams
 * would re-encode them all (%20 → +, "," → %2C) once one is deleted, so the same link with and
 * without utm_source would print differently. Links without tracking pairs are not touched at
 * all: their fingerprints, stored with the copies, stay what they were.
 */
function withoutTracking(url: URL): void {
  if (!url.search) return;
  const pairs = url.search.slice(1).split('&');
  if (!pairs.some((pair) => isTracking(pairName(pair)))) return;
  // Empty pairs ("a=1&&utm_source=x") go too, as they would by URLSearchParams.
  url.search = pairs.filter((pair) => pair !== '' && !isTracking(pairName(pair))).join('&');
}

function cleanUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  withoutTracking(url);
  url.hash = url.hash === '#' ? '' : url.hash;
  let out = url.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/** The text as the guard compares it. */
export function normaliseText(text: string): string {
  return normalised(text, cleanUrl);
}

/**
 * The text with every link left out, otherwise as normaliseText has it: two texts whose
 * normaliseText is the same have the same roughText. Cheap (no link is parsed), so a whole import
 * can be sorted by it and only the rows that share one are fingerprinted.
 */
export function roughText(text: string): string {
  return normalised(text, () => '\u0001');
}

const HAS_VARIATION_SELECTOR = new RegExp(VARIATION_SELECTORS.source);
/** Any character outside ASCII: only such text can change under NFC or hold a variation selector. */
const NON_ASCII = /[\u0080-\uffff]/;
/** Whitespace that is not one plain space: only then is there anything to collapse. */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

/**
 * normaliseText and roughText, link by `link`. Each step runs only when the text can change under
 * it (an import checks ten thousand rows): the same result as running every step, faster.
 */
function normalised(text: string, link: (url: string) => string): string {
  let t = text;
  if (NON_ASCII.test(t)) {
    t = t.normalize('NFC');
    if (HAS_VARIATION_SELECTOR.test(t)) t = t.replace(VARIATION_SELECTORS, '');
  }
  if (t.includes('://')) t = t.replace(URL_IN_TEXT, link);
  t = t.toLowerCase();
  if (UNUSUAL_SPACE.test(t)) t = t.replace(/\s+/g, ' ');
  t = t.trim();
  // Read from the end: a regex anchored at the end ($) tries every position of the text.
  let end = t.length;
  while (end > 0 && TRAILING_PUNCTUATION.test(t[end - 1]!)) end--;
  return end === t.length ? t : t.slice(0, end);
}

/** Media hashes compared as a set: order and case don't matter. */
export function normaliseMedia(hashes: readonly string[]): string[] {
  return [...new Set(hashes.map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0))].sort();
}

/**
 * SHA-256 hex of the normalised text and the sorted media hashes. `sha256` is this file's own
 * (it runs in the browser too); the core passes Node's, which gives the same hex several times
 * faster (posts/guard-prints.ts), since an import fingerprints thousands of texts.
 */
export function fingerprint(text: string, mediaHashes: readonly string[] = [], sha256: (s: string) => string = sha256Hex): string {
  return sha256(`${normaliseText(text)}\u0000${normaliseMedia(mediaHashes).join(',')}`);
}

// --- SHA-256 (FIPS 180-4) over UTF-8, small and synchronous so it runs the same everywhere ---

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

export function sha256Hex(message: string): string {
  const data = new TextEncoder().encode(message);
  const bitLength = data.length * 8;
  const padded = new Uint8Array((((data.length + 9 + 63) >> 6) << 6));
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);

  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
    h[5] = (h[5]! + f) >>> 0;
    h[6] = (h[6]! + g) >>> 0;
    h[7] = (h[7]! + hh) >>> 0;
  }
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}

/**
 * UTM tagging of the links in a post's text. Pure: no I/O, same answer for the same input.
 *
 * Every http(s) link gets the campaign's defaults added; a parameter the link already carries is
 * kept as written (the creator's own tag wins). Everything else in the text — other words,
 * mailto:/ftp: links, the link's #fragment, trailing punctuation — is left exactly as it was.
 */
import type { Platform } from './platforms';

export const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];

/** The values to add; an empty or missing key is not added. */
export type UtmParams = Partial<Record<UtmKey, string>>;

/** A campaign's defaults: source is optional because it defaults to the platform a post goes to. */
export interface UtmDefaults {
  source?: string | null;
  medium?: string | null;
  campaign?: string | null;
  term?: string | null;
  content?: string | null;
}

/** The parameters for one platform: the campaign's source, or else the platform id ("x", "bluesky"…). */
export function utmFor(defaults: UtmDefaults, platform: Platform): UtmParams {
  const out: UtmParams = {};
  for (const key of UTM_KEYS) {
    const value = defaults[key]?.trim();
    if (value) out[key] = value;
  }
  if (!out.source) out.source = platform;
  return out;
}

// A link starts at http:// or https:// not glued to a preceding word character (so "xhttp://" is
// not one) and runs to the next whitespace or angle bracket / quote.
const LINK = /(?<![\w/])https?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the link: "see https://a.com/x." keeps its full stop.
const TRAILING = /[.,;:!?]+$/;

/** Adds the parameters to every http(s) link in the text; returns the text unchanged when there are none. */
export function applyUtm(text: string, params: UtmParams): string {
  const pairs = UTM_KEYS.filter((k) => params[k]).map((k) => [`utm_${k}`, params[k]!] as const);
  if (pairs.length === 0) return text;
  return text.replace(LINK, (match) => {
    let link = match;
    let tail = '';
    const trail = TRAILING.exec(link);
    if (trail) {
      tail = trail[0];
      link = link.slice(0, -tail.length);
    }
    // A closing parenthesis belongs to the link only when the link opened one: "(see https://a.com/x)".
    while (link.endsWith(')') && count(link, '(') < count(link, ')')) {
      tail = `)${tail}`;
      link = link.slice(0, -1);
    }
    return tagLink(link, pairs) + tail;
  });
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Adds the missing pairs to one link, keeping its existing query (byte for byte) and its fragment. */
export function tagLink(link: string, pairs: readonly (readonly [string, string])[]): string {
  const hashAt = link.indexOf('#');
  const fragment = hashAt >= 0 ? link.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? link.slice(0, hashAt) : link;
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';

  const present = new Set(
    query
      .split('&')
      .filter(Boolean)
      .map((part) => decodeName(part.split('=')[0] ?? '').toLowerCase()),
  );
  const added = pairs.filter(([name]) => !present.has(name)).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  if (added.length === 0) return link;
  // A bare host ("https://example.com") gets its path slash so the query sits where browsers expect it.
  const path = /^https?:\/\/[^/]+$/i.test(base) ? `${base}/` : base;
  const joined = query ? `${query.replace(/&+$/, '')}&${added.join('&')}` : added.join('&');
  return `${path}?${joined}${fragment}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

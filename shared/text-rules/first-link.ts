import { extractUrls } from './entities';

/** An address written with its scheme; platforms such as Mastodon link any of these. */
const SCHEME_URL = /\bhttps?:\/\/[^\s<>"'`]+/i;

/**
 * The first link in the text as a full address (the one platforms build a link card for), or
 * null. The counting rules find links such as "example.com"; an address written with http(s)://
 * and a host they don't know (an intranet name, an IP address) counts too.
 */
export function firstLink(text: string): string | null {
  const found: { at: number; url: string }[] = [];
  const byRules = extractUrls(text)[0];
  if (byRules) found.push({ at: text.indexOf(byRules), url: /^https?:\/\//i.test(byRules) ? byRules : `https://${byRules}` });
  const m = SCHEME_URL.exec(text);
  if (m) found.push({ at: m.index, url: m[0].replace(/[.,;:!?)\]}]+$/, '') });
  found.sort((a, b) => a.at - b.at);
  return found[0]?.url ?? null;
}

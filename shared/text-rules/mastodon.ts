// Mastodon's status length rules (app/validators/status_length_validator.rb):
// graphemes, every URL counts a fixed length, and a remote mention @user@domain counts as @user.
import { countGraphemes } from './counting';
import { findUrls } from './entities';

export const MASTODON_DEFAULT_MAX_CHARS = 500;
export const MASTODON_DEFAULT_URL_LENGTH = 23;

// Mastodon's Account::MENTION_RE: not preceded by '=', '/' or a word character;
// username [a-z0-9_] with inner '.'/'-'; optional @domain ending in a word character.
const WORD = String.raw`\p{L}\p{M}\p{N}\p{Pc}`;
const MENTION = new RegExp(
  String.raw`(?<![=/${WORD}])@([a-z0-9_]+(?:[a-z0-9_.\-]+[a-z0-9_]+)?)(@[${WORD}]+(?:[.\-]+[${WORD}]+)*)?`,
  'giu',
);

interface Span {
  kind: 'url' | 'mention' | 'skip';
  start: number;
  end: number;
  replacement: string;
}

export interface MastodonCount {
  length: number;
  /** False when unbroken runs were too long to search for links: `length` is then a lower bound. */
  exact: boolean;
  urls: number;
  remoteMentions: number;
}

/** Remote mentions (`@user@domain`) in the text, as written. */
export function extractRemoteMentions(text: string): string[] {
  return Array.from(text.matchAll(MENTION))
    .filter((m) => m[2] !== undefined)
    .map((m) => m[0]);
}

/** Counts a status the way Mastodon does, in time linear in the text's length. */
export function mastodonCount(text: string, urlLength: number): MastodonCount {
  const spans: Span[] = [];
  const found = findUrls(text, false);
  for (const u of found.items) {
    spans.push({ kind: 'url', start: u.indices[0], end: u.indices[1], replacement: 'x'.repeat(urlLength) });
  }
  for (const m of text.matchAll(MENTION)) {
    const start = m.index ?? 0;
    spans.push({ kind: 'mention', start, end: start + m[0].length, replacement: `@${m[1]}` });
  }
  // Runs whose links could not be searched (see pieces.ts) are left out of the count: each such
  // run counts 0 instead of at least 1, and its removal may join two neighbouring characters
  // into one, so the count is a lower bound short by at most one per run.
  for (const [start, end] of found.skipped) spans.push({ kind: 'skip', start, end, replacement: '' });
  // Like Extractor.remove_overlapping_entities: by start, drop any span overlapping an earlier one.
  spans.sort((a, b) => a.start - b.start || (a.kind === 'skip' ? -1 : b.kind === 'skip' ? 1 : 0));
  const out: string[] = [];
  let pos = 0;
  let urls = 0;
  let remoteMentions = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    out.push(text.slice(pos, s.start), s.replacement);
    if (s.kind === 'url') urls++;
    else if (s.kind === 'mention' && s.replacement.length < s.end - s.start) remoteMentions++;
    pos = s.end;
  }
  out.push(text.slice(pos));
  const length = Math.max(0, countGraphemes(out.join('')) - found.skipped.length);
  return { length, exact: found.complete, urls, remoteMentions };
}

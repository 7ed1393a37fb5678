/**
 * Mastodon returns a status's `content` as HTML it rendered from the plain text we sent:
 * paragraphs, `<br />`, links split into visible and invisible spans, mentions shortened to
 * `@user`. To recognise our own post we turn both sides into the same plain, normalised text.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[e.toLowerCase()] ?? whole;
  });
}

/** The text a reader sees in a status's HTML `content`. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(withBreaks);
}

/**
 * Text reduced to what survives Mastodon's rendering: Unicode NFC, whitespace collapsed, and
 * `@user@domain` mentions shortened to `@user` (Mastodon displays only the local part).
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^\w@])@([\w.-]+)@[\w-]+(?:\.[\w-]+)+/g, '$1@$2')
    .replace(/\s+/g, ' ')
    .trim();
}

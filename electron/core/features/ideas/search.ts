/**
 * Matching ideas against what the creator typed in the search box. An idea bank holds hundreds
 * of short notes, not millions, so this runs over the list in memory, where Unicode folding is
 * right (SQLite's LIKE ignores case for ASCII only: "CAFÉ" would miss "café").
 */

/** Lower case, accents dropped: "Café" and "cafe" read the same. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

/** The words of a query; a leading '#' is dropped so "#launch" finds the tag "launch". */
export function queryTerms(query: string | undefined): string[] {
  if (!query) return [];
  return fold(query)
    .split(/\s+/)
    .map((t) => t.replace(/^#+/, ''))
    .filter((t) => t.length > 0);
}

/** True when every term occurs in the text, the link or a tag. */
export function matchesAll(terms: string[], idea: { text: string; link: string | null; tags: string[] }): boolean {
  if (terms.length === 0) return true;
  const haystack = fold([idea.text, idea.link ?? '', ...idea.tags].join('\n'));
  return terms.every((t) => haystack.includes(t));
}

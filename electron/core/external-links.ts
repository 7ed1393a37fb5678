import { domainToUnicode } from 'node:url';
import { checkExternalUrl, type ExternalLinkVerdict } from './security';
import type { Db } from './store/open';

/**
 * How many of the newest rows of each text column a link is looked for in. Clicking a link is
 * rare and the answer must come back at once, so the scan is bounded by rowid (newest rows
 * have the highest) rather than reading a workspace of any size whole.
 */
export const POST_LINK_SCAN_ROWS = 20_000;
/** Rows that mention the link's host that are read and tokenised, at most. */
const CANDIDATES = 50;

/** Every place a creator's own post keeps text or a link: each version, per-account text, thread parts, the published links. */
const TEXT_COLUMNS = [
  { table: 'post_versions', column: 'text' },
  { table: 'targets', column: 'text_override' },
  { table: 'targets', column: 'platform_url' },
  { table: 'target_parts', column: 'text' },
  { table: 'target_parts', column: 'platform_url' },
] as const;

const EDGE_PUNCTUATION = /^[("'<[{«“‘]+|[)"'>\]}».,;:!?“”’]+$/g;

/** The URLs a piece of text holds, as the parser normalises them: each word that parses as https. */
function linksIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of text.split(/\s+/)) {
    if (!word.toLowerCase().includes('https://')) continue;
    const start = word.slice(word.toLowerCase().indexOf('https://'));
    // A link may end in a bracket or a stop that belongs to the sentence: try it with and without.
    for (const candidate of [start, start.replace(EDGE_PUNCTUATION, '')]) {
      try {
        found.add(new URL(candidate).href);
      } catch {
        // not a link after all
      }
    }
  }
  return found;
}

/**
 * The core's side of opening links: the creator's connected servers, the sign-in pages of
 * connect flows under way, and a bounded look through the creator's own posts, given to the
 * pure rule in security.ts. Both shells ask this before opening anything in the browser.
 */
export function createExternalLinks({ db }: { db: Db }) {
  const authorizeUrls = new Map<string, number>();
  const servers = db.prepare("SELECT DISTINCT server_url AS url FROM accounts WHERE server_url IS NOT NULL AND status <> 'disconnected'").pluck();
  const lookups = TEXT_COLUMNS.map(({ table, column }) =>
    db
      .prepare(
        `SELECT ${column} FROM ${table}
         WHERE rowid > (SELECT ifnull(max(rowid), 0) FROM ${table}) - ${POST_LINK_SCAN_ROWS}
           AND ${column} IS NOT NULL AND instr(lower(${column}), ?) > 0
         LIMIT ${CANDIDATES}`,
      )
      .pluck(),
  );

  /** Whether this exact (normalised) URL is written in one of the creator's posts or is one's published link. */
  function inCreatorsPosts(href: string): boolean {
    const host = new URL(href).hostname;
    // The text holds the name as written: an international one in its own letters, not xn--.
    const needles = [...new Set([host, domainToUnicode(host)].filter(Boolean).map((h) => h.toLowerCase()))];
    for (const lookup of lookups) {
      for (const needle of needles) {
        for (const text of lookup.all(needle) as string[]) {
          if (linksIn(text).has(href)) return true;
        }
      }
    }
    return false;
  }

  return {
    inCreatorsPosts,
    check(url: unknown): ExternalLinkVerdict {
      return checkExternalUrl(url, {
        servers: servers.all() as string[],
        authorizeUrls: [...authorizeUrls.keys()],
        inCreatorsPosts,
      });
    },
    /** A connect flow's sign-in page may be opened (again) until the flow ends; call the returned function then. */
    trustAuthorizeUrl(url: string): () => void {
      authorizeUrls.set(url, (authorizeUrls.get(url) ?? 0) + 1);
      return () => {
        const n = (authorizeUrls.get(url) ?? 1) - 1;
        if (n > 0) authorizeUrls.set(url, n);
        else authorizeUrls.delete(url);
      };
    },
  };
}

export type ExternalLinks = ReturnType<typeof createExternalLinks>;

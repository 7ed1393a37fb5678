/**
 * What an import need not work out twice.
 *
 * - Measuring a text for a platform (characters by that platform's rules, links, mentions) is
 *   most of a row's check; a text is measured once per platform and remembered, so a row sent to
 *   two Mastodon accounts, or checked again after an edit elsewhere, costs nothing more.
 * - A preview's checked rows are kept under a token, by line. The commit sends the token back: a row whose
 *   line holds the same fields, checked in the same circumstances (options, accounts, campaigns), keeps
 *   its check; a row edited since, or every row once the circumstances changed or the token is
 *   forgotten, is checked again. Bounded both ways, so a long session cannot grow without end.
 */
import { createHash, randomUUID } from 'node:crypto';
import { IMPORT_FIELDS, type ImportFieldsDto, type ImportRowResultDto } from '../../../../shared/contract/features/io';
import type { Platform } from '../../../../shared/domain/platforms';
import { measure } from '../../../../shared/text-rules';
import { certainlyFits } from './measure-screen';
import type { RowPlan } from './validate';

/** Characters of text kept measured (the keys); past this the oldest half is dropped. A full 8-million-character file fits. */
const MEASURED_CHARS_KEPT = 10_000_000;
/** Previews kept for their commit: one at a time is the usual case, two allow a second window. */
const PREVIEWS_KEPT = 2;

export type MeasureProblems = (platform: Platform, text: string) => readonly string[];

/**
 * measure(platform, text).problems, once per text and platform (none, without counting, for a text
 * well within the limits). Kept by text, then platform: the text itself is the key, so its hash
 * is worked out once for every platform (a joined "platform + text" key was a new string to build
 * and hash for each of a row's platforms: ~70 ms of a 10,000-row preview).
 */
export function createMeasureCache(): MeasureProblems {
  const kept = new Map<string, Map<Platform, readonly string[]>>();
  let chars = 0;
  return (platform, text) => {
    let byPlatform = kept.get(text);
    let problems = byPlatform?.get(platform);
    if (problems === undefined) {
      problems = certainlyFits(platform, text) ? [] : measure(platform, text).problems;
      if (!byPlatform) {
        if (chars + text.length > MEASURED_CHARS_KEPT) {
          // Maps iterate oldest first: drop the older half rather than everything.
          for (const k of kept.keys()) {
            if (chars <= MEASURED_CHARS_KEPT / 2) break;
            kept.delete(k);
            chars -= k.length;
          }
        }
        kept.set(text, (byPlatform = new Map()));
        chars += text.length;
      }
      byPlatform.set(platform, problems);
    }
    return problems;
  };
}

/** The same fields, one by one (no digest to build: the kept check already holds its row's fields). */
function sameFields(a: ImportFieldsDto, b: ImportFieldsDto): boolean {
  for (const f of IMPORT_FIELDS) if (a[f] !== b[f]) return false;
  return true;
}

/** A digest of everything besides a row's own fields that its check depends on. */
export function circumstancesKey(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url');
}

export interface CheckedRow {
  result: ImportRowResultDto;
  plan: RowPlan | null;
}

interface Kept {
  circumstances: string;
  /** By the row's line in the file. */
  rows: Map<number, CheckedRow>;
}

export function createPreviewCache() {
  const previews = new Map<string, Kept>();
  return {
    /** Keeps a preview's checked rows; answers the token the commit sends back. */
    keep(circumstances: string, rows: readonly CheckedRow[]): string {
      const token = randomUUID();
      const byLine = new Map<number, CheckedRow>();
      for (const r of rows) byLine.set(r.result.line, r);
      previews.set(token, { circumstances, rows: byLine });
      while (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value!);
      return token;
    },
    /** The kept check of the row on this line, if its fields are still the same, the token is known and nothing around them changed. */
    lookup(token: string | undefined, circumstances: string): ((line: number, fields: ImportFieldsDto) => CheckedRow | undefined) | null {
      const kept = token ? previews.get(token) : undefined;
      if (!kept || kept.circumstances !== circumstances) return null;
      return (line, fields) => {
        const row = kept.rows.get(line);
        return row && sameFields(row.result.fields, fields) ? row : undefined;
      };
    },
    /** The import is saved: its rows will not be committed again. */
    forget(token: string | undefined): void {
      if (token) previews.delete(token);
    },
  };
}

/**
 * What an import need not work out twice.
 *
 * - Measuring a text for a platform (characters by that platform's rules, links, mentions) is
 *   most of a row's check; a text is measured once per platform and remembered, so a row sent to
 *   two Mastodon accounts, or checked again after an edit elsewhere, costs nothing more.
 * - A preview's checked rows are kept under a token. The commit sends the token back: a row whose
 *   fields are the same, checked in the same circumstances (options, accounts, campaigns), keeps
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

/** measure(platform, text).problems, once per text and platform (none, without counting, for a text well within the limits). */
export function createMeasureCache(): MeasureProblems {
  const kept = new Map<string, readonly string[]>();
  let chars = 0;
  return (platform, text) => {
    const key = `${platform}\u0000${text}`;
    let problems = kept.get(key);
    if (problems === undefined) {
      problems = certainlyFits(platform, text) ? [] : measure(platform, text).problems;
      if (chars + key.length > MEASURED_CHARS_KEPT) {
        // Maps iterate oldest first: drop the older half rather than everything.
        for (const k of kept.keys()) {
          if (chars <= MEASURED_CHARS_KEPT / 2) break;
          kept.delete(k);
          chars -= k.length;
        }
      }
      kept.set(key, problems);
      chars += key.length;
    }
    return problems;
  };
}

/** A digest of a row's fields: equal fields, equal key (a digest, so a big file's texts are not kept twice). */
export function fieldsKey(fields: ImportFieldsDto): string {
  // Each field with its length in front, so no two different rows join to the same text; one update call.
  return createHash('sha1')
    .update(IMPORT_FIELDS.map((f) => `${fields[f].length}:${fields[f]}`).join(''))
    .digest('base64url');
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
  rows: Map<string, CheckedRow>;
}

export function createPreviewCache() {
  const previews = new Map<string, Kept>();
  return {
    /** Keeps a preview's checked rows; answers the token the commit sends back. */
    keep(circumstances: string, rows: readonly CheckedRow[]): string {
      const token = randomUUID();
      const byFields = new Map<string, CheckedRow>();
      for (const r of rows) byFields.set(fieldsKey(r.result.fields), r);
      previews.set(token, { circumstances, rows: byFields });
      while (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value!);
      return token;
    },
    /** The kept check of rows with these fields, if the token is known and nothing around them changed. */
    lookup(token: string | undefined, circumstances: string): ((fields: ImportFieldsDto) => CheckedRow | undefined) | null {
      const kept = token ? previews.get(token) : undefined;
      if (!kept || kept.circumstances !== circumstances) return null;
      return (fields) => kept.rows.get(fieldsKey(fields));
    },
    /** The import is saved: its rows will not be committed again. */
    forget(token: string | undefined): void {
      if (token) previews.delete(token);
    },
  };
}

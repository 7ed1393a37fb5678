/**
 * The composer's form and its unfinished edits as plain data, with the pure rules over them (no
 * DOM, no storage), so unit tests can check what survives a reload. compose.store.ts keeps them.
 */
import type { Platform } from '../../../../shared/domain/platforms';

export interface ComposeForm {
  text: string;
  platforms: Platform[];
  /** Chosen account ids where a platform has several connected; a platform's only account needs no choosing. */
  accounts: string[];
  date: string; // YYYY-MM-DD in the creator's zone, '' when not picked
  time: string; // HH:mm
  /** A platform's own words instead of `text`; absent where it takes the shared text. */
  overrides: Partial<Record<Platform, string>>;
  /** Later parts of a thread, for the platforms that publish threads. */
  thread: string[];
  /** A reply to the post itself, for the platforms that take one; '' for none. */
  firstComment: string;
  /** Uploaded images and videos (stored by hash), in order, with their alt text ('' for none). */
  media: ComposeMedia[];
  /** The campaign and content pillar the post belongs to; '' for none. */
  campaignId: string;
  pillarId: string;
  /** A new post that repeats once scheduled: every N days, so many posts in all (the panel changes it later). */
  repeat?: { everyDays: number; times: number } | null;
}

export interface ComposeMedia {
  hash: string;
  mime: string;
  bytes: number;
  name: string;
  altText: string;
  /** An image's width and height as shown (the core reads them from its bytes), where known. */
  width?: number;
  height?: number;
  /** A video's length (ms), where the core could read it from the file. */
  durationMs?: number;
}

export interface EditSession {
  id: string;
  version: number;
  form: ComposeForm;
  /** The post as it was opened, to send only what changed. */
  original: ComposeForm;
  /**
   * Words typed into an older version of the post and never saved: the post changed meanwhile (in
   * another window, an agent, a restored version). Kept until the creator puts them back or lets go.
   */
  earlier?: { version: number; form: ComposeForm; at: number };
  /** When something was last typed into it (ms), for "typed at 10:42". */
  typedAt?: number;
}

export const EMPTY_FORM: ComposeForm = { text: '', platforms: [], accounts: [], date: '', time: '', overrides: {}, thread: [], firstComment: '', media: [], campaignId: '', pillarId: '' };


/** How many unfinished edits are kept across a reload (the most recently opened ones). */
export const MAX_KEPT_EDITS = 20;

const same = (a: ComposeForm, b: ComposeForm) => JSON.stringify(a) === JSON.stringify(b);

/** Whether something was typed into the session and not saved. */
export function edited(s: EditSession): boolean {
  return !same(s.form, s.original);
}

/** Whether a session holds words the post does not have: typed and not saved, or kept from an older version. */
export function unsaved(s: EditSession | undefined): boolean {
  return s !== undefined && (edited(s) || s.earlier !== undefined);
}

/**
 * The edits worth keeping across a reload or a crash: those holding something unsaved, at most
 * MAX_KEPT_EDITS, the most recently opened (last in insertion order) first to stay.
 */
export function keptEdits(edits: Record<string, EditSession>): Record<string, EditSession> {
  return Object.fromEntries(
    Object.entries(edits)
      .filter(([, e]) => unsaved(e))
      .slice(-MAX_KEPT_EDITS),
  );
}

const isForm = (f: unknown): f is ComposeForm => {
  const x = f as Partial<ComposeForm> | null;
  return !!x && typeof x === 'object' && typeof x.text === 'string' && Array.isArray(x.platforms) && Array.isArray(x.accounts) && Array.isArray(x.media);
};

/**
 * What a reload finds in storage, checked before the composer trusts it: an entry written by an
 * older Loomcast, or damaged, is left out rather than opening a broken form.
 */
export function readEdits(stored: unknown): Record<string, EditSession> {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const out: Record<string, EditSession> = {};
  for (const [id, e] of Object.entries(stored as Record<string, Partial<EditSession>>)) {
    if (!e || e.id !== id || typeof e.version !== 'number' || !isForm(e.form) || !isForm(e.original)) continue;
    const earlier = e.earlier && typeof e.earlier.version === 'number' && typeof e.earlier.at === 'number' && isForm(e.earlier.form) ? e.earlier : undefined;
    out[id] = { id, version: e.version, form: e.form, original: e.original, ...(earlier ? { earlier } : {}), ...(typeof e.typedAt === 'number' ? { typedAt: e.typedAt } : {}) };
  }
  return out;
}

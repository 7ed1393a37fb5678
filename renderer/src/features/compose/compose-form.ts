import type { AccountDto, PlatformCapabilitiesDto, PostDto } from '../../../../shared/contract';
import type { PlatformOverrideDto } from '../../../../shared/contract/features/compose';
import { PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { preflight, type GateProblem } from '../../../../shared/domain/preflight';
import { resolveLocal, toLocal } from '../../../../shared/domain/time';
import { dayTime } from '../../lib/format';
import type { ComposeForm } from './compose-state';

/**
 * A field of the composer that a problem is said beside: a thread part and an image's alt text
 * by their index in the form (thread.0 is the post's second part), a platform's own text by platform.
 */
export type ComposeField = 'text' | 'media' | 'platforms' | 'firstComment' | 'date' | 'time' | 'schedule' | 'repeat' | `alt.${number}` | `thread.${number}` | `override.${Platform}`;
export type FieldErrors = Partial<Record<ComposeField, string>>;

/**
 * The form's index of the core's thread part `k`: the core gets only the parts with words
 * (compose-save.ts typedParts), so an empty part in the form shifts the later ones.
 */
function formPartOf(form: ComposeForm, k: number): number {
  const written = form.thread.flatMap((t, i) => (t.trim() !== '' ? [i] : []));
  return written[k] ?? k;
}

/**
 * Which composer field an issue of the core belongs to, by its path, or null for the form as a
 * whole: the same fields compose-checks.ts says its own problems beside. Bad input names the
 * field ([text], [thread, 1], [schedule, date]); a pre-flight gate names the platform and the
 * part of its copy (electron/core/posts/gates.ts): [bluesky, text], [x, thread, 3] (the post's
 * third part), [x, firstComment], [mastodon, media, 1], [x, account].
 */
export function coreFieldOf(form: ComposeForm, caps: PlatformCapabilitiesDto[] | null) {
  return (path: (string | number)[]): ComposeField | null => {
    const [head, sub, n] = path;
    if (head === 'text' || head === 'platforms' || head === 'firstComment') return head;
    if (head === 'accounts') return 'platforms';
    if (head === 'thread') return typeof sub === 'number' ? `thread.${formPartOf(form, sub)}` : form.thread.length ? `thread.${form.thread.length - 1}` : 'text';
    if (head === 'schedule') return sub === 'date' || sub === 'time' ? sub : 'schedule';
    if (typeof head !== 'string' || !(PLATFORMS as readonly string[]).includes(head)) return null;
    const p = head as Platform;
    const field = path.slice(1).join('.');
    if (sub === 'text') return form.overrides[p] !== undefined ? `override.${p}` : 'text';
    if (sub === 'thread') return Number(n) >= 2 ? `thread.${formPartOf(form, Number(n) - 2)}` : 'text';
    if (sub === 'firstComment') return 'firstComment';
    if (sub === 'account') return 'platforms';
    // An image's description where the composer's own gates see the same problem there; the rest under the media.
    if (sub === 'media') return n !== undefined && preflightOf(form, caps, p).some((g) => g.field === field && g.rule === 'alt_text') ? `alt.${Number(n) - 1}` : 'media';
    return null;
  };
}

export function formFromPost(post: PostDto, zone: string, links: Pick<ComposeForm, 'campaignId' | 'pillarId'> = { campaignId: '', pillarId: '' }): ComposeForm {
  const local = post.scheduledAt ? toLocal(Date.parse(post.scheduledAt), zone) : null;
  const overrides: ComposeForm['overrides'] = {};
  for (const t of post.targets) if (t.textOverride !== null) overrides[t.platform] = t.textOverride;
  return { text: post.text, platforms: [...new Set(post.targets.map((t) => t.platform))], accounts: post.targets.flatMap((t) => (t.accountId ? [t.accountId] : [])), date: local?.date ?? '', time: local?.time ?? '', overrides, thread: post.thread, firstComment: post.firstComment ?? '', media: [], ...links };
}

/**
 * What compose:setOverrides needs to bring the saved post in line with the form: a platform's
 * own text where it is customised (and differs from the shared text), null where it no longer is.
 */
export function overrideChanges(form: ComposeForm, saved: ComposeForm['overrides']): PlatformOverrideDto[] {
  const changes: PlatformOverrideDto[] = [];
  for (const p of form.platforms) {
    const own = form.overrides[p];
    const wanted = own !== undefined && own !== form.text ? own : null;
    if (wanted !== (saved[p] ?? null)) changes.push({ platform: p, text: wanted });
  }
  return changes;
}

export function emptyOverride(form: ComposeForm): Platform | null {
  return form.platforms.find((p) => form.overrides[p] !== undefined && form.overrides[p].trim() === '') ?? null;
}

/**
 * Where the post goes: the chosen (or only) account of each platform, and the platforms with no
 * account yet; or the platform whose accounts the creator has not picked from.
 */
export function destinationsOf(form: ComposeForm, accounts: AccountDto[]): { accounts: string[]; platforms: Platform[]; unpicked: Platform | null } {
  const out = { accounts: [] as string[], platforms: [] as Platform[], unpicked: null as Platform | null };
  for (const p of form.platforms) {
    const mine = accounts.filter((a) => a.platform === p);
    if (mine.length === 0) out.platforms.push(p);
    else if (mine.length === 1) out.accounts.push(mine[0]!.id);
    else {
      const picked = mine.filter((a) => form.accounts.includes(a.id)).map((a) => a.id);
      if (picked.length === 0) out.unpicked ??= p;
      out.accounts.push(...picked);
    }
  }
  return out;
}

export const sameSet = <T,>(a: T[], b: T[]) => a.length === b.length && a.every((p) => b.includes(p));


/** One platform's copy of the form as the core's pre-flight reads it, each media item with its type, size and shape. */
export function preflightOf(form: ComposeForm, caps: PlatformCapabilitiesDto[] | null, p: Platform): GateProblem[] {
  const cap = caps?.find((c) => c.platform === p);
  return preflight({
    platform: p,
    text: form.overrides[p] ?? form.text,
    thread: cap?.threads ? form.thread.filter((x) => x.trim()) : [],
    firstComment: cap?.firstComment && form.firstComment.trim() ? form.firstComment : null,
    media: form.media.map((m) => ({ mime: m.mime, bytes: m.bytes, altText: m.altText, width: m.width ?? null, height: m.height ?? null, durationMs: m.durationMs ?? null })),
    requiresMedia: cap?.requiresMedia ?? false,
    maxImages: cap?.maxImages ?? 0,
    takesImages: cap?.images ?? true,
    takesVideo: cap?.video ?? true,
    account: null,
    needAccount: false,
  });
}

/** The composer field a pre-flight problem of platform `p` belongs to (its `field`: text, thread.2, firstComment, media.1). */
function gateField(form: ComposeForm, p: Platform, g: GateProblem): ComposeField {
  const n = Number(g.field.split('.')[1]);
  if (g.field === 'text') return form.overrides[p] !== undefined ? `override.${p}` : 'text';
  if (g.field === 'firstComment') return 'firstComment';
  if (g.field.startsWith('thread.')) return `thread.${n - 2}`;
  if (g.field.startsWith('media.') && g.rule === 'alt_text') return `alt.${n - 1}`;
  return 'media';
}

/**
 * The same pre-flight gates the core runs, for the fields before anything is sent, each beside
 * its field: text limits and blanks under the text (or a thread part, the first comment, a
 * platform's own text), alt text under its image, the rest of the media under the media.
 */
export function gateProblemsOf(form: ComposeForm, caps: PlatformCapabilitiesDto[] | null): FieldErrors {
  const fields: FieldErrors = {};
  for (const p of form.platforms) {
    for (const problem of preflightOf(form, caps, p)) {
      const field = gateField(form, p, problem);
      const was = fields[field];
      if (!was?.includes(problem.message)) fields[field] = was ? `${was} ${problem.message}` : problem.message;
    }
  }
  return fields;
}

/**
 * What a chosen platform would refuse in the media as they are, said as soon as they are added,
 * in the core's words: a type, size or shape it does not take, what must go alone, how many, alt
 * text too long. A missing description (said by the media notes) and missing media are left out.
 */
export function mediaGateProblems(form: ComposeForm, caps: PlatformCapabilitiesDto[] | null): GateProblem[] {
  if (form.media.length === 0) return [];
  // An alt text problem on a written description is its length; on an empty one, that it is missing.
  const written = (g: GateProblem) => (form.media[Number(g.field.slice('media.'.length)) - 1]?.altText.trim() ?? '') !== '';
  return form.platforms.flatMap((p) => preflightOf(form, caps, p).filter((g) => g.rule === 'media_type' || g.rule === 'media_count' || (g.rule === 'alt_text' && written(g))));
}

/**
 * The picked day and time when they have already passed (the core refuses them too): said with
 * the other problems at once, rather than only once those are fixed.
 */
export function passedTimeProblem(form: Pick<ComposeForm, 'date' | 'time'>, zone: string, now: number): string | null {
  if (!form.date || !form.time) return null;
  const at = resolveLocal({ date: form.date, time: form.time, zone });
  // The core's words for the same refusal (posts-service.ts).
  return at.ok && at.epochMs <= now ? `${dayTime(at.epochMs, zone, { withZone: true, withYear: true })} has already passed. Pick a time in the future.` : null;
}

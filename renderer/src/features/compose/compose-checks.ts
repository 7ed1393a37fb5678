/**
 * Everything that keeps a post from being saved or sent as asked, found at once and said beside
 * each field (never one problem per press), in the order the fields read; pure, for unit tests.
 */
import type { AccountDto, PlatformCapabilitiesDto } from '../../../../shared/contract';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { platformList } from '../../lib/format';
import { gateProblemsOf, passedTimeProblem, type ComposeField, type FieldErrors } from './compose-form';
import type { ComposeForm } from './compose-state';
import { ALT_REQUIRED, isImage } from './mediaRules';

export type CheckKind = 'schedule' | 'draft' | 'queue' | 'now' | 'review';

export interface CheckContext {
  kind: CheckKind;
  caps: PlatformCapabilitiesDto[] | null;
  accounts: AccountDto[];
  editing: boolean;
  zone: string;
  now: number;
}

const threadsTo = (form: ComposeForm, caps: PlatformCapabilitiesDto[] | null) => (caps ? form.platforms.filter((p) => caps.find((c) => c.platform === p)?.threads) : []);

/** The platforms with several accounts of which none is picked. */
function unpicked(form: ComposeForm, accounts: AccountDto[]): Platform[] {
  return form.platforms.filter((p) => {
    const mine = accounts.filter((a) => a.platform === p);
    return mine.length > 1 && !mine.some((a) => form.accounts.includes(a.id));
  });
}

/** Every problem the composer checks before saving (`draft`) or sending the post, by field. */
export function composeProblems(form: ComposeForm, { kind, caps, accounts, editing, zone, now }: CheckContext): FieldErrors {
  const errors: FieldErrors = {};
  const sending = kind !== 'draft';
  if (!form.text.trim()) errors.text = 'Write something first: the text is empty.';
  if (form.platforms.length === 0) errors.platforms = 'Pick at least one platform.';
  const waiting = unpicked(form, accounts);
  if (waiting.length) errors.platforms = `Pick which ${platformList(waiting)} account${waiting.length > 1 ? 's get' : ' gets'} this post.`;
  for (const p of form.platforms) {
    if (form.overrides[p] !== undefined && form.overrides[p].trim() === '') errors[`override.${p}`] = `The text for ${PLATFORM_NAMES[p]} is empty. Write it, or switch back to the shared text.`;
  }
  if (threadsTo(form, caps).length) {
    form.thread.forEach((t, i) => {
      if (t.trim() === '') errors[`thread.${i}`] = `Part ${i + 2} of the thread is empty. Write it, or remove it.`;
    });
  }
  const strict = form.platforms.filter((p) => ALT_REQUIRED.includes(p));
  if (sending && strict.length) {
    form.media.forEach((m, i) => {
      if (isImage(m.mime) && m.altText.trim() === '') errors[`alt.${i}`] = `${platformList(strict)} expect${strict.length > 1 ? '' : 's'} a description of every image. Write alt text for image ${i + 1}, or save it as a draft.`;
    });
  }
  if (kind === 'schedule') {
    if (!form.date) errors.date = 'Pick a day or one of the free posting times, or save it as a draft.';
    if (!form.time) errors.time = 'Pick a time.';
  }
  const times = form.repeat?.times;
  if (!editing && form.repeat && (kind === 'schedule' || kind === 'review') && !(Number.isInteger(times) && times! >= 2 && times! <= 1000)) {
    errors.repeat = 'Say how many posts the series has in all: from 2 (the post and one copy) to 1,000.';
  }
  if (sending) {
    // The core's own gates, where a field above has not said something already.
    for (const [field, message] of Object.entries(gateProblemsOf(form, caps)) as [ComposeField, string][]) errors[field] ??= message;
    const passed = kind === 'schedule' || kind === 'review' ? passedTimeProblem(form, zone, now) : null;
    if (passed && !errors.date && !errors.time) errors.schedule = passed;
  }
  return errors;
}

/** Where each field sits in the composer, top to bottom (the platforms' own texts are in the preview pane, last). */
const ORDER = ['text', 'media', 'alt', 'platforms', 'thread', 'firstComment', 'date', 'time', 'schedule', 'repeat', 'override'];
function rank(field: ComposeField): [number, number] {
  const [head, sub = ''] = field.split('.') as [string, string?];
  const within = head === 'override' ? PLATFORMS.indexOf(sub as Platform) : Number(sub) || 0;
  return [ORDER.indexOf(head), within];
}

/** The fields in error, in the order they read. */
export function orderedProblems(errors: FieldErrors): [ComposeField, string][] {
  return (Object.entries(errors) as [ComposeField, string][])
    .filter(([, m]) => !!m)
    .sort(([a], [b]) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1];
    });
}

/** The id of the control a field's problem is about: what gets the keyboard. */
export function controlIdOf(field: ComposeField): string {
  const [head, sub] = field.split('.');
  if (head === 'alt') return `compose-media-alt-${sub}`;
  if (head === 'thread') return `compose-thread-${sub}`;
  if (head === 'override') return `compose-override-${sub}`;
  const ids: Record<string, string> = { text: 'compose-text', media: 'compose-media-add', platforms: 'compose-platforms-group', firstComment: 'compose-first-comment', date: 'compose-date', time: 'compose-time', schedule: 'compose-date', repeat: 'compose-repeat-times' };
  return ids[head!]!;
}

/** The id of a field's message, which its control's aria-describedby names. */
export function errorIdOf(field: ComposeField): string {
  if (field === 'schedule' || field === 'platforms') return `compose-${field}-error`;
  return `${controlIdOf(field)}-error`;
}

const sameList = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/** Whether an edit from `a` to `b` touched what a field's problem is about (its problem then goes). */
function touched(field: ComposeField, a: ComposeForm, b: ComposeForm): boolean {
  const [head, sub = ''] = field.split('.');
  const i = Number(sub);
  switch (head) {
    case 'text':
      return a.text !== b.text;
    case 'platforms':
      return !sameList(a.platforms, b.platforms) || !sameList(a.accounts, b.accounts);
    case 'date':
      return a.date !== b.date;
    case 'time':
      return a.time !== b.time;
    case 'schedule':
      return a.date !== b.date || a.time !== b.time;
    case 'firstComment':
      return a.firstComment !== b.firstComment;
    case 'repeat':
      return JSON.stringify(a.repeat ?? null) !== JSON.stringify(b.repeat ?? null);
    case 'thread':
      return a.thread.length !== b.thread.length || a.thread[i] !== b.thread[i];
    case 'alt':
      return !sameList(a.media.map((m) => m.hash), b.media.map((m) => m.hash)) || a.media[i]?.altText !== b.media[i]?.altText;
    case 'override':
      return a.overrides[sub as Platform] !== b.overrides[sub as Platform] || !sameList(a.platforms, b.platforms);
    default:
      return !sameList(a.media, b.media) || !sameList(a.platforms, b.platforms);
  }
}

/** The problems still standing after an edit: those of the fields it did not touch. */
export function keepErrors(errors: FieldErrors, before: ComposeForm, after: ComposeForm): FieldErrors {
  return Object.fromEntries((Object.entries(errors) as [ComposeField, string][]).filter(([f]) => !touched(f, before, after)));
}

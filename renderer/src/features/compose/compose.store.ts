import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
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
  /** Later parts of a thread (new posts only), for the platforms that publish threads. */
  thread: string[];
  /** A reply to the post itself (new posts only), for the platforms that take one; '' for none. */
  firstComment: string;
  /** Uploaded images and videos (stored by hash), in order, with their alt text ('' for none). */
  media: ComposeMedia[];
  /** The campaign and content pillar the post belongs to; '' for none. */
  campaignId: string;
  pillarId: string;
}

export interface ComposeMedia {
  hash: string;
  mime: string;
  bytes: number;
  name: string;
  altText: string;
}

export interface EditSession {
  id: string;
  version: number;
  form: ComposeForm;
  /** The post as it was opened, to send only what changed. */
  original: ComposeForm;
}

interface ComposeState {
  /** The new post being written: kept across screens and reloads so nothing typed is lost. */
  fresh: ComposeForm;
  edit: EditSession | null;
}

export const EMPTY_FORM: ComposeForm = { text: '', platforms: [], accounts: [], date: '', time: '', overrides: {}, thread: [], firstComment: '', media: [], campaignId: '', pillarId: '' };

export const useComposeStore = create<ComposeState>()(
  persist(() => ({ fresh: EMPTY_FORM, edit: null as EditSession | null }), {
    name: 'loomcast.compose',
    storage: createJSONStorage(() => localStorage),
    // Only the words and platforms survive a reload: a remembered date could be in the past.
    partialize: (s) => ({ fresh: { ...s.fresh, date: '', time: '' } }),
    merge: (saved, current) => ({ ...current, fresh: { ...EMPTY_FORM, ...((saved as Partial<ComposeState> | undefined)?.fresh ?? {}) } }),
  }),
);

export function patchForm(editing: boolean, patch: Partial<ComposeForm>): void {
  useComposeStore.setState((s) => (editing && s.edit ? { edit: { ...s.edit, form: { ...s.edit.form, ...patch } } } : { fresh: { ...s.fresh, ...patch } }));
}

/** The words a platform gets: its own text when customised, else the shared text. */
export function textFor(form: ComposeForm, p: Platform): string {
  return form.overrides[p] ?? form.text;
}

import { useEffect, useRef, useState } from 'react';
import { AppError, type PostDto } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import { navigate } from '../../app/router';
import { openPost, showToast, useUiStore } from '../../app/ui.store';
import { useSettings, useZone } from '../../data/useAppData';
import { refreshPosts, usePost } from '../../data/usePosts';
import { splitIssues, type Problem } from '../../lib/errors';
import { api } from '../../api/client';
import { useCapabilities } from './useCapabilities';
import { useComposeAccounts } from './useComposeAccounts';
import { usePostingSlots } from './usePostingSlots';
import { linksOfPost } from './usePostLinkOptions';
import { mediaAvailability, postNowAvailability, queueAvailability } from '../../../../shared/domain/compose-availability';
import { coreFieldOf, destinationsOf, formFromPost, mediaGateProblems, type FieldErrors } from './compose-form';
import { composeProblems, keepErrors } from './compose-checks';
import { addToQueues, describeSaved, publishNow, sendForReview, type Outcome } from './compose-outcome';
import { SavedButNot, saveEditedPost, saveNewPost, startRepeat, typedParts } from './compose-save';
import { EMPTY_FORM, dropEdit, edited, patchForm, putEdit, useComposeStore, type ComposeForm, type ComposeMedia } from './compose.store';
import { composeMediaOf } from './mediaRules';

export type { ComposeField, FieldErrors } from './compose-form';
export type SubmitKind = 'schedule' | 'draft' | 'queue' | 'now' | 'review';

/** The composer's state and actions, for a new post (editId null) or an existing one. */
export function useCompose(editId: string | null) {
  const zone = useZone();
  const autoApprove = useSettings()?.autoApproveOwnPosts ?? true;
  const post = usePost(editId);
  const fresh = useComposeStore((s) => s.fresh);
  const edit = useComposeStore((s) => (editId ? s.edits[editId] : undefined));
  // While a save is on its way, the post's new version is ours: it must not open as someone else's.
  const saving = useRef(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  /** Counts refused saves: the screen then takes the creator to the first problem (ComposeScreen). */
  const [refusals, setRefusals] = useState(0);
  /** What the creator last asked for when it was refused, for the summary of problems ("before it can be scheduled"). */
  const [refusedAs, setRefusedAs] = useState<SubmitKind>('schedule');
  const caps = useCapabilities();
  const accounts = useComposeAccounts();

  // Opening a post for editing: load it into the form once, in the creator's zone, keeping its time.
  useEffect(() => {
    if (!editId || !post || post === 'gone' || saving.current) return;
    // An unfinished edit of this post goes on where it was, after a reload or a crash too.
    if (useComposeStore.getState().edits[editId]?.version === post.version) return;
    let live = true;
    // Its media, campaign and pillar come from their own channels; the form opens once they are known.
    Promise.all([api.call('media:forPost', { postId: editId }).catch(() => []), linksOfPost(editId).catch(() => ({ campaignId: '', pillarId: '' }))]).then(([items, links]) => {
      if (!live) return;
      // With their sizes, so a platform's shape rules (Instagram's 4:5 to 1.91:1) are checked as it opens.
      const media: ComposeMedia[] = items.map((m) => composeMediaOf(m, '', m.altText));
      const form = { ...formFromPost(post, zone, links), media };
      // The post changed since this edit began (another window, an agent): the new version opens,
      // and what was typed into the old one waits beside it rather than being lost.
      const was = useComposeStore.getState().edits[editId];
      const earlier = was && edited(was) ? { version: was.version, form: was.form, at: was.typedAt ?? Date.now() } : was?.earlier;
      putEdit({ id: editId, version: post.version, form, original: form, ...(earlier ? { earlier } : {}) });
    });
    return () => {
      live = false;
    };
  }, [editId, post, zone]);

  const editing = editId !== null;
  const session = edit ?? null;
  const form = editing ? (session?.form ?? EMPTY_FORM) : fresh;
  const dests = destinationsOf(form, accounts);
  const slots = usePostingSlots(accounts, dests.accounts, zone);
  const chosen = { platforms: form.platforms, accounts, picked: form.accounts };
  const stored = editing && post && post !== 'gone' ? post : null;
  // Only a post that already has a day and time is told to change it; an unscheduled draft can queue.
  const queue = queueAvailability({ ...chosen, editing, post: stored, withSlots: slots.withSlots });
  const postNow = postNowAvailability({ ...chosen, autoApprove, post: stored });
  // What a chosen platform would refuse in the media, as soon as they are added (the core's words).
  const mediaRefusals = mediaGateProblems(form, caps);
  // While they would be refused, every send action waits (ComposeActions); a draft may still be saved.
  const mediaGate = mediaAvailability(mediaRefusals);

  // An edit takes away the problems of what it touched; the others stay beside their fields.
  const set = (patch: Partial<ComposeForm>) => {
    patchForm(editId, patch);
    setErrors((was) => keepErrors(was, form, { ...form, ...patch }));
  };

  const togglePlatform = (p: Platform) => {
    if (!form.platforms.includes(p)) return set({ platforms: [...form.platforms, p] });
    const overrides = { ...form.overrides };
    delete overrides[p];
    set({ platforms: form.platforms.filter((x) => x !== p), overrides });
  };

  const toggleAccount = (id: string) => set({ accounts: form.accounts.includes(id) ? form.accounts.filter((x) => x !== id) : [...form.accounts, id] });

  const setQuietly = (patch: Partial<ComposeForm>) => {
    set(patch);
    setProblem(null);
  };
  const setOverrides = (overrides: ComposeForm['overrides']) => setQuietly({ overrides });
  const setExtras = (patch: Partial<Pick<ComposeForm, 'thread' | 'firstComment'>>) => setQuietly(patch);
  const setMedia = (media: ComposeMedia[]) => setQuietly({ media });

  /** `sent`: the form as it went to the core, whose issues name its parts. */
  const fail = (err: unknown, sent: ComposeForm = form) => {
    if (err instanceof AppError && err.code === 'invalid_time') {
      setErrors({ schedule: err.message });
      setProblem(null);
      return;
    }
    const split = splitIssues(err, coreFieldOf(sent, caps));
    setErrors(split.fields);
    setProblem(split.form);
  };

  /** Back where the composer was opened from: Review when editing from there, else the calendar with the post open. */
  const leave = (postId: string | null) => {
    const back = useUiStore.getState().composeReturn;
    useUiStore.setState({ composeReturn: null });
    if (back === 'review') return navigate('review');
    navigate('calendar');
    if (postId) openPost(postId);
  };

  const finish = ({ post: saved, message, attention }: Outcome) => {
    leave(saved.id);
    showToast(message);
    if (attention) showToast(attention.title, { detail: attention.detail, tone: 'attention' });
  };

  /** What keeps the post from being sent as asked, every problem at once, each on its field; true when it may go. */
  const check = (kind: SubmitKind): boolean => {
    const found = composeProblems(form, { kind, caps, accounts, editing, zone, now: Date.now() });
    setErrors(found);
    setProblem(null);
    return Object.keys(found).length === 0;
  };

  /** `override`: the creator chose "Post anyway" over the duplicate guard's block. */
  async function submit(kind: SubmitKind, override = false): Promise<void> {
    if (busy) return;
    if ((kind === 'queue' && !queue.ok) || (kind === 'now' && !postNow.ok)) return;
    if (!check(kind)) {
      setRefusedAs(kind);
      setRefusals((n) => n + 1);
      return;
    }
    // Schedule sets the picked time; Send for review keeps one if picked; the others leave it.
    const picked = form.date && form.time ? { date: form.date, time: form.time, zone } : null;
    const schedule = kind === 'schedule' || kind === 'review' ? picked : null;
    setBusy(true);
    setProblem(null);
    const parts = typedParts(form);
    try {
      let saved: PostDto;
      if (editing) {
        if (!session) return;
        // Post now and Add to queue keep the post's time out of it; Save draft unschedules.
        saving.current = true;
        saved = await saveEditedPost(session, form, { dests, ...parts }, kind === 'draft' ? null : kind === 'now' ? undefined : schedule ?? undefined, override);
        dropEdit(session.id);
      } else {
        saved = await saveNewPost({ form, dests, schedule, ...parts, override }, EMPTY_FORM);
        useComposeStore.setState({ fresh: EMPTY_FORM });
      }
      if (kind === 'queue' && queue.ok) return finish(await addToQueues(saved, queue.value, zone));
      if (kind === 'now') return finish(await publishNow(saved, override, zone));
      if (kind === 'review') {
        const sent = await sendForReview(saved, zone);
        // Copies take the post's state: the series starts once the post waits in Review, never before.
        if (!editing && !sent.attention) await startRepeat(sent.post, form);
        return finish(sent);
      }
      const repeats = !editing && kind === 'schedule' && (await startRepeat(saved, form));
      const versionNote = session && saved.version > session.version ? ` · version ${saved.version}` : '';
      const repeatNote = repeats && form.repeat ? ` · repeats ${form.repeat.everyDays === 1 ? 'every day' : `every ${form.repeat.everyDays} days`}, ${form.repeat.times} times in all` : '';
      finish({ post: saved, message: `${describeSaved(saved, zone)}${versionNote}${repeatNote}` });
    } catch (err) {
      if (err instanceof SavedButNot) {
        if (editId) dropEdit(editId);
        else useComposeStore.setState({ fresh: EMPTY_FORM });
        await refreshPosts();
        return finish({ post: err.post, message: describeSaved(err.post, zone), attention: { title: err.title, detail: err.detail } });
      }
      fail(err);
      setRefusedAs(kind);
      setRefusals((n) => n + 1);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  const cancel = () => {
    if (editId) {
      dropEdit(editId);
      leave(editId);
    }
  };

  /** Words typed into an older version: back into the form (saving sends them over the new one), or let go. */
  const earlier = {
    restore: () => {
      if (!session?.earlier) return;
      const { earlier: kept, ...rest } = session;
      putEdit({ ...rest, form: kept.form, typedAt: kept.at });
      setErrors({});
      setProblem(null);
    },
    discard: () => {
      if (!session?.earlier) return;
      const { earlier: _gone, ...rest } = session;
      putEdit(rest);
    },
  };

  /**
   * The post being edited is gone (deleted elsewhere): what was typed into it becomes the new
   * post in the composer (its media are kept in the library), with no time, since the old one
   * may have passed. When a new post is already being written there, the words are saved as a
   * draft of their own instead of replacing it: nothing typed is lost either way.
   */
  const rescue = async (typed: ComposeForm) => {
    const kept = { ...typed, date: '', time: '' };
    const current = useComposeStore.getState().fresh;
    if (!current.text.trim() && current.platforms.length === 0) {
      if (editId) dropEdit(editId);
      useComposeStore.setState({ fresh: kept });
      navigate('compose');
      return;
    }
    setBusy(true);
    try {
      const saved = await saveNewPost({ form: kept, dests: destinationsOf(kept, accounts), schedule: null, ...typedParts(kept), override: true }, EMPTY_FORM);
      if (editId) dropEdit(editId);
      finish({ post: saved, message: 'Your words are saved as a draft' });
    } catch (err) {
      fail(err, kept);
    } finally {
      setBusy(false);
    }
  };

  const clear = () => {
    useComposeStore.setState({ fresh: EMPTY_FORM });
    setErrors({});
    setProblem(null);
  };

  return { zone, form, editing, session, post, errors, problem, busy, refusals, refusedAs, caps, accounts, dests, slots, mediaRefusals, mediaGate, queue, postNow, autoApprove, set, togglePlatform, toggleAccount, setOverrides, setExtras, setMedia, submit, cancel, clear, earlier, rescue };
}

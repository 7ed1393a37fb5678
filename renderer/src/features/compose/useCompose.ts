import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { AppError, type AccountDto, type ChannelInput, type PostDto } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import { toLocal } from '../../../../shared/domain/time';
import { navigate } from '../../app/router';
import { openPost, showToast, useUiStore } from '../../app/ui.store';
import { useZone } from '../../data/useAppData';
import { createPost, refreshPosts, updatePost, usePost } from '../../data/usePosts';
import { splitIssues, toProblem, type Problem } from '../../lib/errors';
import { dayTime, platformList } from '../../lib/format';
import { api } from '../../api/client';
import type { PlatformOverrideDto } from '../../../../shared/contract/features/compose';
import { PLATFORM_NAMES, PLATFORMS } from '../../../../shared/domain/platforms';
import { preflight } from '../../../../shared/domain/preflight';
import { platformsWith } from './ThreadFields';
import { useCapabilities } from './useCapabilities';
import { useComposeAccounts } from './useComposeAccounts';
import { useQueueTargets } from './useQueueTargets';
import { EMPTY_FORM, patchForm, useComposeStore, type ComposeForm, type ComposeMedia } from './compose.store';
import { missingAltProblem } from './mediaRules';

export type ComposeField = 'text' | 'platforms' | 'date' | 'time' | 'schedule';
export type FieldErrors = Partial<Record<ComposeField, string>>;

function fieldOf(path: (string | number)[]): ComposeField | null {
  const [head, sub] = path;
  if (head === 'text' || head === 'platforms') return head;
  if (head === 'accounts') return 'platforms';
  // A pre-flight gate names the platform, then the part of the post: [bluesky, text], [x, media, 1].
  if (typeof head === 'string' && (PLATFORMS as readonly string[]).includes(head)) return sub === 'text' || sub === 'thread' || sub === 'firstComment' ? 'text' : sub === 'account' ? 'platforms' : null;
  if (head === 'schedule') return sub === 'date' || sub === 'time' ? sub : 'schedule';
  return null;
}

function formFromPost(post: PostDto, zone: string): ComposeForm {
  const local = post.scheduledAt ? toLocal(Date.parse(post.scheduledAt), zone) : null;
  const overrides: ComposeForm['overrides'] = {};
  for (const t of post.targets) if (t.textOverride !== null) overrides[t.platform] = t.textOverride;
  return { text: post.text, platforms: [...new Set(post.targets.map((t) => t.platform))], accounts: post.targets.flatMap((t) => (t.accountId ? [t.accountId] : [])), date: local?.date ?? '', time: local?.time ?? '', overrides, thread: post.thread, firstComment: post.firstComment ?? '', media: [] };
}

/**
 * What compose:setOverrides needs to bring the saved post in line with the form: a platform's
 * own text where it is customised (and differs from the shared text), null where it no longer is.
 */
function overrideChanges(form: ComposeForm, saved: ComposeForm['overrides']): PlatformOverrideDto[] {
  const changes: PlatformOverrideDto[] = [];
  for (const p of form.platforms) {
    const own = form.overrides[p];
    const wanted = own !== undefined && own !== form.text ? own : null;
    if (wanted !== (saved[p] ?? null)) changes.push({ platform: p, text: wanted });
  }
  return changes;
}

function emptyOverride(form: ComposeForm): Platform | null {
  return form.platforms.find((p) => form.overrides[p] !== undefined && form.overrides[p].trim() === '') ?? null;
}

function tomorrowMorning(zone: string): Pick<ComposeForm, 'date' | 'time'> {
  return { date: DateTime.now().setZone(zone).plus({ days: 1 }).toFormat('yyyy-LL-dd'), time: '09:00' };
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

const sameSet = <T,>(a: T[], b: T[]) => a.length === b.length && a.every((p) => b.includes(p));

/** The composer's state and actions, for a new post (editId null) or an existing one. */
export function useCompose(editId: string | null) {
  const zone = useZone();
  const post = usePost(editId);
  const fresh = useComposeStore((s) => s.fresh);
  const edit = useComposeStore((s) => s.edit);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const caps = useCapabilities();
  const accounts = useComposeAccounts();

  // Opening a post for editing: load it into the form once, in the creator's zone.
  useEffect(() => {
    if (!editId || !post || post === 'gone') return;
    const open = useComposeStore.getState().edit;
    // Keep an unfinished edit of this post, unless the post changed since (another window).
    if (open?.id === editId && open.version === post.version) return;
    let live = true;
    // Its media come from their own channel; the form opens once they are known.
    api
      .call('media:forPost', { postId: editId })
      .catch(() => [])
      .then((items) => {
        if (!live) return;
        const media: ComposeMedia[] = items.map((m) => ({ hash: m.hash, mime: m.mime, bytes: m.bytes, name: '', altText: m.altText ?? '' }));
        const form = { ...formFromPost(post, zone), media };
        useComposeStore.setState({ edit: { id: editId, version: post.version, form, original: form } });
      });
    return () => {
      live = false;
    };
  }, [editId, post, zone]);

  // A new post starts out planned for tomorrow morning; the creator changes it or saves a draft.
  useEffect(() => {
    if (editId) return;
    const { fresh: f } = useComposeStore.getState();
    if (f.date === '' && f.time === '') patchForm(false, tomorrowMorning(zone));
  }, [editId, zone]);

  const editing = editId !== null;
  const session = editing && edit?.id === editId ? edit : null;
  const form = editing ? (session?.form ?? EMPTY_FORM) : fresh;
  const queueAccounts = useQueueTargets(form.platforms, accounts);

  const set = (patch: Partial<ComposeForm>) => {
    patchForm(editing, patch);
    const cleared = { ...errors };
    for (const key of Object.keys(patch) as ComposeField[]) delete cleared[key];
    if ('date' in patch || 'time' in patch) delete cleared.schedule;
    setErrors(cleared);
  };

  const togglePlatform = (p: Platform) => {
    if (!form.platforms.includes(p)) return set({ platforms: [...form.platforms, p] });
    const overrides = { ...form.overrides };
    delete overrides[p];
    set({ platforms: form.platforms.filter((x) => x !== p), overrides });
  };

  const toggleAccount = (id: string) => set({ accounts: form.accounts.includes(id) ? form.accounts.filter((x) => x !== id) : [...form.accounts, id] });

  /** The same pre-flight gates the core runs, shown on the fields before anything is sent. */
  const gateProblems = (): FieldErrors | null => {
    const found: FieldErrors = {};
    const banner: string[] = [];
    for (const p of form.platforms) {
      const cap = caps?.find((c) => c.platform === p);
      const problems = preflight({
        platform: p,
        text: form.overrides[p] ?? form.text,
        thread: cap?.threads && !editing ? form.thread.filter((x) => x.trim()) : [],
        firstComment: cap?.firstComment && !editing && form.firstComment.trim() ? form.firstComment : null,
        media: form.media.map((m) => ({ mime: m.mime, bytes: m.bytes, altText: m.altText })),
        requiresMedia: cap?.requiresMedia ?? false,
        maxImages: cap?.maxImages ?? 0,
        takesImages: cap?.images ?? true,
        takesVideo: cap?.video ?? true,
        account: null,
        needAccount: false,
      });
      for (const problem of problems) {
        if (problem.rule === 'text_limit' || problem.rule === 'unfilled_blank') found.text ??= problem.message;
        else banner.push(problem.message);
      }
    }
    if (banner.length) setProblem({ message: banner.join(' ') });
    return Object.keys(found).length || banner.length ? found : null;
  };

  const setOverrides = (overrides: ComposeForm['overrides']) => {
    patchForm(editing, { overrides });
    setProblem(null);
  };

  const setExtras = (patch: Partial<Pick<ComposeForm, 'thread' | 'firstComment'>>) => {
    patchForm(editing, patch);
    setProblem(null);
  };

  const setMedia = (media: ComposeMedia[]) => {
    patchForm(editing, { media });
    setProblem(null);
  };

  /** Saves the post's media list after the post itself, when it differs from what was saved. */
  const saveMedia = async (postId: string, before: ComposeMedia[]): Promise<void> => {
    const key = (list: ComposeMedia[]) => JSON.stringify(list.map((m) => [m.hash, m.altText.trim()]));
    if (key(form.media) === key(before)) return;
    await api.call('media:setForPost', { postId, items: form.media.map((m) => ({ hash: m.hash, altText: m.altText.trim() || null })) });
  };

  /** Saves the platforms' own texts after the post itself; returns the post as it now is. */
  const saveOverrides = async (saved: PostDto, before: ComposeForm['overrides']): Promise<PostDto> => {
    const changes = overrideChanges(form, before);
    if (changes.length === 0) return saved;
    return api.call('compose:setOverrides', { postId: saved.id, overrides: changes });
  };

  const fail = (err: unknown) => {
    if (err instanceof AppError && err.code === 'invalid_time') {
      setErrors({ schedule: err.message });
      setProblem(null);
      return;
    }
    const split = splitIssues(err, fieldOf);
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

  const done = (saved: PostDto, message: string) => {
    leave(saved.id);
    showToast(message);
  };

  const describe = (saved: PostDto) => {
    const where = platformList(saved.targets.map((t) => t.platform));
    // A post waiting in Review is not scheduled yet: say where it is.
    if (saved.targets.some((t) => t.state === 'in_review'))
      return saved.scheduledAt ? `Saved; waiting in Review for ${dayTime(Date.parse(saved.scheduledAt), zone)} on ${where}` : `Saved; waiting in Review for ${where}`;
    return saved.scheduledAt ? `Scheduled for ${dayTime(Date.parse(saved.scheduledAt), zone)} on ${where}` : `Saved to drafts for ${where}`;
  };

  /** `override`: the creator chose "Post anyway" over the duplicate guard's block. */
  async function submit(kind: 'schedule' | 'draft' | 'queue', override = false): Promise<void> {
    if (busy) return;
    const queueOn = kind === 'queue' && !editing ? queueAccounts : null;
    if (kind === 'queue' && !queueOn) return;
    if (kind === 'schedule' && (!form.date || !form.time)) {
      setErrors({ ...(form.date ? {} : { date: 'Pick a day, or save it as a draft' }), ...(form.time ? {} : { time: 'Pick a time' }) });
      return;
    }
    const blank = emptyOverride(form);
    if (blank) {
      setProblem({ message: `The text for ${PLATFORM_NAMES[blank]} is empty. Write it, or switch back to the shared text.` });
      return;
    }
    // A thread and a first comment are sent only where a chosen platform takes them.
    const thread = !editing && platformsWith(form, caps, 'threads').length ? form.thread : [];
    const blankPart = thread.findIndex((t) => t.trim() === '');
    if (blankPart >= 0) {
      setProblem({ message: `Part ${blankPart + 2} of the thread is empty. Write it, or remove it.` });
      return;
    }
    const altMissing = kind !== 'draft' ? missingAltProblem(form.media, form.platforms) : null;
    if (altMissing) {
      setProblem({ message: altMissing });
      return;
    }
    const firstComment = !editing && platformsWith(form, caps, 'firstComment').length && form.firstComment.trim() ? form.firstComment : null;
    const schedule = kind === 'schedule' ? { date: form.date, time: form.time, zone } : null;
    const dests = destinationsOf(form, accounts);
    if (form.platforms.length === 0) {
      setErrors({ platforms: 'Pick at least one platform', ...(form.text.trim() ? {} : { text: 'Write something first: the text is empty' }) });
      return;
    }
    if (dests.unpicked) {
      setErrors({ platforms: `Pick which ${PLATFORM_NAMES[dests.unpicked]} account gets this post.` });
      return;
    }
    if (kind !== 'draft') {
      const gated = gateProblems();
      if (gated) {
        setErrors(gated);
        return;
      }
    }
    setBusy(true);
    setProblem(null);
    try {
      if (!editing) {
        // A post with media is saved as a draft first, then scheduled once they are attached: the
        // core's gates see the post whole, and a refusal leaves a draft, not half a post on its way out.
        const created = await createPost({
          text: form.text,
          ...(dests.accounts.length ? { accounts: dests.accounts } : {}),
          ...(dests.platforms.length ? { platforms: dests.platforms } : {}),
          // With media, the post is scheduled once they are attached, so the gates see them.
          schedule: form.media.length ? null : schedule,
          thread,
          firstComment,
          override,
        });
        useComposeStore.setState({ fresh: EMPTY_FORM });
        let saved = created;
        try {
          saved = await saveOverrides(created, {});
        } catch (err) {
          // The post is saved; only a platform's own text is not. Say so, and open the post.
          done(created, describe(created));
          showToast("Saved, but a platform's own text was not", { detail: toProblem(err).message, tone: 'attention' });
          return;
        }
        try {
          await saveMedia(created.id, []);
        } catch (err) {
          done(saved, describe(saved));
          showToast('Saved, but its media were not attached', { detail: toProblem(err).message, tone: 'attention' });
          return;
        }
        if (queueOn) {
          await addToQueues(saved, queueOn);
          return;
        }
        if (schedule && form.media.length) {
          try {
            saved = await updatePost({ id: saved.id, schedule, override });
          } catch (err) {
            done(saved, describe(saved));
            showToast('Saved as a draft, not scheduled', { detail: toProblem(err).message, tone: 'attention' });
            return;
          }
        }
        done(saved, describe(saved));
        return;
      }
      if (!session) return;
      const { original } = session;
      const input: ChannelInput<'posts:update'> = { id: session.id, override };
      if (form.text !== original.text) input.text = form.text;
      if (!sameSet(form.platforms, original.platforms) || !sameSet(dests.accounts, original.accounts)) {
        if (dests.accounts.length) input.accounts = dests.accounts;
        if (dests.platforms.length) input.platforms = dests.platforms;
      }
      const wasScheduled = original.date !== '';
      // Only a changed time is sent: re-sending an unchanged one that has passed would be refused.
      if (kind === 'draft' && wasScheduled) input.schedule = null;
      if (kind === 'schedule' && (!wasScheduled || form.date !== original.date || form.time !== original.time)) input.schedule = schedule;
      const updated = await updatePost(input);
      const saved = await saveOverrides(updated, original.overrides);
      useComposeStore.setState({ edit: null });
      try {
        await saveMedia(saved.id, original.media);
      } catch (err) {
        // The words are saved; only the media list is not. Say so, and open the post.
        done(saved, describe(saved));
        showToast('Saved, but its media did not change', { detail: toProblem(err).message, tone: 'attention' });
        return;
      }
      const versionNote = saved.version > session.version ? ` · version ${saved.version}` : '';
      done(saved, `${describe(saved)}${versionNote}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  /** Puts the new post into each account's next free posting time, and says which times it got. */
  async function addToQueues(saved: PostDto, on: AccountDto[]): Promise<void> {
    const got: string[] = [];
    let post = saved;
    try {
      for (const account of on) {
        const r = await api.call('queue:add', { postId: saved.id, accountId: account.id });
        post = r.post;
        got.push(`${PLATFORM_NAMES[account.platform]} ${dayTime(Date.parse(r.slot.at), r.slot.zone)}${r.slot.zone === zone ? '' : ` (${r.slot.zone})`}`);
      }
    } catch (err) {
      await refreshPosts();
      done(post, got.length ? `Queued on ${got.join(', ')}` : 'Saved to drafts');
      showToast('Not every platform got a posting time', { detail: toProblem(err).message, tone: 'attention' });
      return;
    }
    await refreshPosts();
    done(post, `Added to the queue: ${got.join(' · ')}`);
  }

  const cancel = () => {
    if (editing) {
      useComposeStore.setState({ edit: null });
      leave(editId ?? null);
    }
  };

  const clear = () => {
    useComposeStore.setState({ fresh: { ...EMPTY_FORM, ...tomorrowMorning(zone) } });
    setErrors({});
    setProblem(null);
  };

  return { zone, form, editing, session, post, errors, problem, busy, caps, accounts, queueAccounts: editing ? null : queueAccounts, set, togglePlatform, toggleAccount, setOverrides, setExtras, setMedia, submit, cancel, clear };
}

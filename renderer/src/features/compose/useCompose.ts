import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { AppError, type ChannelInput, type PostDto } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import { formatInstant, toLocal } from '../../../../shared/domain/time';
import { navigate } from '../../app/router';
import { openPost, showToast } from '../../app/ui.store';
import { useZone } from '../../data/useAppData';
import { createPost, updatePost, usePost } from '../../data/usePosts';
import { splitIssues, type Problem } from '../../lib/errors';
import { platformList } from '../../lib/format';
import { EMPTY_FORM, patchForm, useComposeStore, type ComposeForm } from './compose.store';

export type ComposeField = 'text' | 'platforms' | 'date' | 'time' | 'schedule';
export type FieldErrors = Partial<Record<ComposeField, string>>;

function fieldOf(path: (string | number)[]): ComposeField | null {
  const [head, sub] = path;
  if (head === 'text' || head === 'platforms') return head;
  if (head === 'schedule') return sub === 'date' || sub === 'time' ? sub : 'schedule';
  return null;
}

function formFromPost(post: PostDto, zone: string): ComposeForm {
  const local = post.scheduledAt ? toLocal(Date.parse(post.scheduledAt), zone) : null;
  return { text: post.text, platforms: post.targets.map((t) => t.platform), date: local?.date ?? '', time: local?.time ?? '' };
}

function tomorrowMorning(zone: string): Pick<ComposeForm, 'date' | 'time'> {
  return { date: DateTime.now().setZone(zone).plus({ days: 1 }).toFormat('yyyy-LL-dd'), time: '09:00' };
}

const sameSet = (a: Platform[], b: Platform[]) => a.length === b.length && a.every((p) => b.includes(p));

/** The composer's state and actions, for a new post (editId null) or an existing one. */
export function useCompose(editId: string | null) {
  const zone = useZone();
  const post = usePost(editId);
  const fresh = useComposeStore((s) => s.fresh);
  const edit = useComposeStore((s) => s.edit);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  // Opening a post for editing: load it into the form once, in the creator's zone.
  useEffect(() => {
    if (!editId || !post || post === 'gone') return;
    const open = useComposeStore.getState().edit;
    // Keep an unfinished edit of this post, unless the post changed since (another window).
    if (open?.id === editId && open.version === post.version) return;
    const form = formFromPost(post, zone);
    useComposeStore.setState({ edit: { id: editId, version: post.version, form, original: form } });
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

  const set = (patch: Partial<ComposeForm>) => {
    patchForm(editing, patch);
    const cleared = { ...errors };
    for (const key of Object.keys(patch) as ComposeField[]) delete cleared[key];
    if ('date' in patch || 'time' in patch) delete cleared.schedule;
    setErrors(cleared);
  };

  const togglePlatform = (p: Platform) => set({ platforms: form.platforms.includes(p) ? form.platforms.filter((x) => x !== p) : [...form.platforms, p] });

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

  const done = (saved: PostDto, message: string) => {
    navigate('calendar');
    openPost(saved.id);
    showToast(message);
  };

  const describe = (saved: PostDto) => {
    const where = platformList(saved.targets.map((t) => t.platform));
    return saved.scheduledAt ? `Scheduled for ${formatInstant(Date.parse(saved.scheduledAt), zone)} on ${where}` : `Saved to drafts for ${where}`;
  };

  async function submit(kind: 'schedule' | 'draft'): Promise<void> {
    if (busy) return;
    if (kind === 'schedule' && (!form.date || !form.time)) {
      setErrors({ ...(form.date ? {} : { date: 'Pick a day, or save it as a draft' }), ...(form.time ? {} : { time: 'Pick a time' }) });
      return;
    }
    const schedule = kind === 'schedule' ? { date: form.date, time: form.time, zone } : null;
    setBusy(true);
    setProblem(null);
    try {
      if (!editing) {
        const saved = await createPost({ text: form.text, platforms: form.platforms, schedule });
        useComposeStore.setState({ fresh: EMPTY_FORM });
        done(saved, describe(saved));
        return;
      }
      if (!session) return;
      const { original } = session;
      const input: ChannelInput<'posts:update'> = { id: session.id };
      if (form.text !== original.text) input.text = form.text;
      if (!sameSet(form.platforms, original.platforms)) input.platforms = form.platforms;
      const wasScheduled = original.date !== '';
      // Only a changed time is sent: re-sending an unchanged one that has passed would be refused.
      if (kind === 'draft' && wasScheduled) input.schedule = null;
      if (kind === 'schedule' && (!wasScheduled || form.date !== original.date || form.time !== original.time)) input.schedule = schedule;
      const saved = await updatePost(input);
      useComposeStore.setState({ edit: null });
      const versionNote = saved.version > session.version ? ` · version ${saved.version}` : '';
      done(saved, `${describe(saved)}${versionNote}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const cancel = () => {
    if (editing) {
      useComposeStore.setState({ edit: null });
      navigate('calendar');
      if (editId) openPost(editId);
    }
  };

  const clear = () => {
    useComposeStore.setState({ fresh: { ...EMPTY_FORM, ...tomorrowMorning(zone) } });
    setErrors({});
    setProblem(null);
  };

  return { zone, form, editing, session, post, errors, problem, busy, set, togglePlatform, submit, cancel, clear };
}

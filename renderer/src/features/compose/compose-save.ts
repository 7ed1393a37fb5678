import type { ChannelInput, PostDto, ScheduleInputDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { createPost, updatePost } from '../../data/usePosts';
import { toProblem } from '../../lib/errors';
import { overrideChanges, sameSet } from './compose-form';
import type { ComposeForm, ComposeMedia, EditSession } from './compose.store';
import { saveLinks } from './usePostLinkOptions';

/**
 * The post itself was saved, but a later step (a platform's own text, media, campaign or pillar,
 * the time after media) was not. The composer then opens the saved post and says what is missing.
 */
export class SavedButNot extends Error {
  constructor(
    readonly post: PostDto,
    readonly title: string,
    readonly detail: string,
  ) {
    super(title);
  }
}

async function step(post: PostDto, title: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    throw new SavedButNot(post, title, toProblem(err).message);
  }
}

const mediaKey = (list: ComposeMedia[]) => JSON.stringify(list.map((m) => [m.hash, m.altText.trim()]));

async function saveExtras(post: PostDto, form: ComposeForm, before: ComposeForm, isNew: boolean): Promise<PostDto> {
  let saved = post;
  const changes = overrideChanges(form, before.overrides);
  if (changes.length) await step(post, "Saved, but a platform's own text was not", async () => (saved = await api.call('compose:setOverrides', { postId: post.id, overrides: changes })));
  if (mediaKey(form.media) !== mediaKey(before.media)) {
    const items = form.media.map((m) => ({ hash: m.hash, altText: m.altText.trim() || null }));
    await step(saved, isNew ? 'Saved, but its media were not attached' : 'Saved, but its media did not change', () => api.call('media:setForPost', { postId: post.id, items }));
  }
  await step(saved, 'Saved, but its campaign or pillar was not', () => saveLinks(post.id, form, before));
  return saved;
}

/**
 * The thread and first comment as the creator left them (blank parts left out). The core keeps
 * them on each copy whose platform takes them, so they are never read through the platforms'
 * capabilities here: a save before those load would otherwise drop a thread.
 */
export function typedParts(form: ComposeForm): Pick<NewPostPlan, 'thread' | 'firstComment'> {
  return { thread: form.thread.filter((t) => t.trim() !== ''), firstComment: form.firstComment.trim() ? form.firstComment : null };
}

export interface NewPostPlan {
  form: ComposeForm;
  dests: { accounts: string[]; platforms: ComposeForm['platforms'] };
  schedule: ScheduleInputDto | null;
  thread: string[];
  firstComment: string | null;
  override: boolean;
}

/**
 * Creates the post, then its own texts, media, campaign and pillar. A post with media is saved as
 * a draft first and scheduled once they are attached: the core's gates see the post whole, and a
 * refusal leaves a draft, not half a post on its way out.
 */
export async function saveNewPost({ form, dests, schedule, thread, firstComment, override }: NewPostPlan, blank: ComposeForm): Promise<PostDto> {
  const created = await createPost({
    text: form.text,
    ...(dests.accounts.length ? { accounts: dests.accounts } : {}),
    ...(dests.platforms.length ? { platforms: dests.platforms } : {}),
    schedule: form.media.length ? null : schedule,
    thread,
    firstComment,
    override,
  });
  let saved = await saveExtras(created, form, blank, true);
  if (schedule && form.media.length) {
    const timed = schedule;
    await step(saved, 'Saved as a draft, not scheduled', async () => (saved = await updatePost({ id: saved.id, schedule: timed, override })));
  }
  return saved;
}

/**
 * Starts the series a new post asked for (`form.repeat`), from a post with a time; the core makes
 * the copies in the post's own state and keeps their time of day. Call it once the post is where
 * it stays (scheduled, or sent to Review), so the copies do not start out ahead of it.
 */
export async function startRepeat(saved: PostDto, form: ComposeForm): Promise<boolean> {
  const repeat = form.repeat;
  if (!repeat || !saved.scheduledAt) return false;
  await step(saved, 'Saved, but it does not repeat', () => api.call('queue:setRecurrence', { postId: saved.id, everyDays: repeat.everyDays, until: { count: repeat.times } }));
  return true;
}

/**
 * Saves an edit, sending only what changed. `schedule`: the time to set (only sent when it
 * differs, as re-sending a passed one would be refused), null to unschedule, undefined to keep it.
 */
export async function saveEditedPost(
  session: EditSession,
  form: ComposeForm,
  { dests, thread, firstComment }: Pick<NewPostPlan, 'dests' | 'thread' | 'firstComment'>,
  schedule: ScheduleInputDto | null | undefined,
  override: boolean,
): Promise<PostDto> {
  const { original } = session;
  const input: ChannelInput<'posts:update'> = { id: session.id, override };
  if (form.text !== original.text) input.text = form.text;
  if (thread.length !== original.thread.length || thread.some((x, i) => x !== original.thread[i])) input.thread = thread;
  if (firstComment !== (original.firstComment.trim() ? original.firstComment : null)) input.firstComment = firstComment;
  if (!sameSet(form.platforms, original.platforms) || !sameSet(dests.accounts, original.accounts)) {
    if (dests.accounts.length) input.accounts = dests.accounts;
    if (dests.platforms.length) input.platforms = dests.platforms;
  }
  if (schedule === null && original.date !== '') input.schedule = null;
  if (schedule && (original.date === '' || schedule.date !== original.date || schedule.time !== original.time)) input.schedule = schedule;
  const updated = await updatePost(input);
  return saveExtras(updated, form, original, false);
}

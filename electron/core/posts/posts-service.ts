import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput, type PostDto, type ScheduleInputDto } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import { LIST_SECTION_STEP } from '../../../shared/domain/list-sections';
import { EDITABLE_STATES, type TargetState } from '../../../shared/domain/states';
import { sameThread } from '../../../shared/domain/thread-parts';
import { isRejectionNote } from '../../../shared/domain/review-note';
import type { DateFormat } from '../../../shared/domain/datetime-format';
import { formatInstant, resolveLocal, zoneProblem } from '../../../shared/domain/time';
import type { Audit } from '../audit';
import { assertNotDuplicate } from './duplicate-check';
import { mediaOfPost, storePostPrint } from './guard-prints';
import type { Clock } from '../deps';
import type { Db } from '../store/open';
import type { PostsRepo, TargetRow } from './posts-repo';
import type { PageQuery } from './post-pages';
import type { ListQuery } from './post-lists';
import type { Targets } from './targets';
import { createSettingsStore } from '../settings/settings-store';
import { createAgentReview } from './agent-review';
import { makerOfRequest, type PostMaker } from './made-by';
import { createPostCopier } from './post-copy';
import { createDestinationResolver, destKey, type Destination } from './destinations';
import { createPostBin } from './post-bin';

interface Deps {
  /** Whether a platform's client can publish thread parts and a first comment. */
  features: (platform: Platform) => { threads: boolean; firstComment: boolean };
  db: Db;
  repo: PostsRepo;
  targets: Targets;
  audit: Audit;
  clock: Clock;
  zone: () => string;
  /** How dates and times read in messages (the creator's locale and clock). */
  dateFormat: () => DateFormat;
}

const locked = (t: TargetRow) => !EDITABLE_STATES.includes(t.state);
/** Other parts of the core create and edit posts too; they may leave the guard's override out. */
type CreateInput = Omit<ChannelParsedInput<'posts:create'>, 'override' | 'accounts' | 'platforms'> & { override?: boolean; accounts?: string[]; platforms?: Platform[]; madeBy?: PostMaker };
type UpdateInput = Omit<ChannelParsedInput<'posts:update'>, 'override'> & { override?: boolean };

const silent = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Creating, editing and deleting posts: every change is one transaction, audited, announced. */
export function createPostsService({ db, repo, targets, audit, clock, zone, dateFormat, features }: Deps) {
  /** A platform gets the parts it can publish; the composer shows which those are. */
  const partsFor = (platform: Platform, thread: string[], firstComment: string | null) => {
    const f = features(platform);
    return [
      ...(f.threads ? thread.map((text) => ({ kind: 'thread' as const, text })) : []),
      ...(f.firstComment && firstComment ? [{ kind: 'comment' as const, text: firstComment }] : []),
    ];
  };

  const resolveDestinations = createDestinationResolver(db);
  // Deleted posts are kept a while to be brought back; this service keeps them as it deletes.
  const bin = createPostBin(db, (row) => targets.restore(row));

  // An edited post is compared with its media, as its copies are fingerprinted (guard-prints.ts):
  // without them a post with a photo never matched its own repeat.
  const guard = (text: string, dests: Destination[], scheduledAt: number | null, override: boolean | undefined, excludePostId?: string) =>
    assertNotDuplicate(
      { db, clock, log: silent },
      {
        text,
        ...(excludePostId ? { mediaHashes: mediaOfPost(db, excludePostId) } : {}),
        accountIds: dests.flatMap((d) => (d.accountId ? [d.accountId] : [])),
        platforms: dests.flatMap((d) => (d.accountId ? [] : [d.platform])),
        scheduledAt,
        ...(excludePostId ? { excludePostId } : {}),
        override,
      },
    );

  /**
   * `kept`: zones already in the plan (Settings', the post's own). One of those is taken as it is,
   * so a zone stored before abbreviations were refused ("EST") keeps working; a new one must be a
   * real time zone (zoneProblem).
   */
  const resolveSchedule = (schedule: ScheduleInputDto | null, kept: readonly (string | null)[] = []) => {
    if (!schedule) return null;
    const z = schedule.zone ?? zone();
    const problem = z === zone() || kept.includes(z) ? null : zoneProblem(z);
    if (problem) throw new AppError('invalid_input', problem);
    const r = resolveLocal({ date: schedule.date, time: schedule.time, zone: z });
    if (!r.ok) throw new AppError(r.reason === 'invalid_zone' ? 'invalid_input' : 'invalid_time', r.message);
    if (r.epochMs <= clock.now()) {
      throw new AppError('invalid_time', `${formatInstant(r.epochMs, z, { withZone: true, withYear: true, format: dateFormat() })} has already passed. Pick a time in the future.`);
    }
    return { epochMs: r.epochMs, zone: z };
  };

  const settingsStore = createSettingsStore({ db, log: silent });
  const copier = createPostCopier(db, targets);
  const agentReview = createAgentReview(db);
  /**
   * Settings' autoApproveOwnPosts (default on), read from the settings store; never for an agent
   * while "Posts made by agents wait in Review" is on.
   */
  const autoApprove = (): boolean => !agentReview.applies() && settingsStore.get('autoApproveOwnPosts');

  /**
   * Moving a post never skips review: a copy in review stays there; an approved one with a time
   * is handed to the scheduler; a draft given a time follows the auto-approve setting.
   */
  const stateAfterReschedule = (state: TargetState, timed: boolean): TargetState => {
    if (state === 'in_review') return 'in_review';
    if (!timed) return state === 'approved' ? 'approved' : 'draft';
    if (state === 'draft') return autoApprove() ? 'scheduled' : 'in_review';
    return 'scheduled';
  };

  const mustGet = (id: string): PostDto => {
    const post = repo.get(id);
    if (!post) throw new AppError('not_found', 'That post no longer exists. It may have been deleted in another window.');
    return post;
  };

  const lockedMessage = (t: TargetRow, verb: string) =>
    `The ${PLATFORM_NAMES[t.platform]} copy is ${t.state === 'publishing' ? 'being published right now' : `already ${t.state}`}, so it can't be ${verb}. Duplicate the post to reuse it.`;

  return {
    /** Deleted posts kept to be brought back (features/undo lists, restores and forgets them). */
    bin,

    list(q: ListQuery) {
      return repo.list(q);
    },

    page(q: PageQuery) {
      return repo.page(q);
    },

    /** The app's four lists in one read transaction: one snapshot, so no post is in two of them. */
    lists(limits: { upcoming?: number; drafts?: number } = {}) {
      return db.transaction(() => {
        const s = repo.listSections;
        const upcoming = s.section('upcoming', limits.upcoming ?? LIST_SECTION_STEP);
        const drafts = s.section('drafts', limits.drafts ?? LIST_SECTION_STEP);
        return {
          upcoming: upcoming.posts,
          drafts: drafts.posts,
          attention: repo.list({ scope: 'attention' }),
          published: repo.list({ scope: 'published' }),
          more: { upcoming: upcoming.more, drafts: drafts.more },
          untimedDrafts: s.untimedDrafts(),
          waiting: s.waiting(),
        };
      })();
    },

    get: mustGet,

    getMany: (ids: string[]) => repo.getMany(ids),

    versions(id: string) {
      mustGet(id);
      return repo.versions(id);
    },

    create(input: CreateInput): PostDto {
      const when = resolveSchedule(input.schedule);
      const dests = resolveDestinations(input.accounts, input.platforms);
      // The same words to two accounts of one platform is refused unless the creator insists.
      guard(input.text, dests, when?.epochMs ?? null, input.override);
      // With auto-approve off (Settings), a hand-written post with a time waits in Review first.
      const timedState = autoApprove() ? 'scheduled' : 'in_review';
      const id = randomUUID();
      const now = clock.now();
      targets.atomically(() => {
        const by = input.madeBy ?? makerOfRequest();
        repo.insertPost(id, now, by);
        repo.addVersion(id, input.text, 'manual', now, by, { thread: input.thread, firstComment: input.firstComment });
        for (const d of dests) {
          const targetId = randomUUID();
          targets.insert({ id: targetId, postId: id, platform: d.platform, accountId: d.accountId, scheduledAt: when?.epochMs ?? null, zone: when?.zone ?? null, state: 'draft' }, 'created');
          repo.insertParts(targetId, partsFor(d.platform, input.thread, input.firstComment));
          // Parts are in place before the gates look at the copy as a whole.
          if (when) targets.transition([targetId], 'draft', timedState, 'post.create');
        }
        // The guard's fingerprint of the new copies, so the next create need not work it out.
        storePostPrint(db, id, input.text);
        audit.record({ actor: 'user', action: 'post.create', entity: 'post', entityId: id, detail: { destinations: dests, scheduledAt: when?.epochMs ?? null } });
      });
      return mustGet(id);
    },

    update(input: UpdateInput): PostDto {
      const current = mustGet(input.id);
      const existing = repo.targets(input.id);
      const textChanged = input.text !== undefined && input.text !== current.text;
      const thread = input.thread ?? current.thread;
      const firstComment = input.firstComment === undefined ? current.firstComment : input.firstComment;
      const partsChanged = !sameThread(thread, current.thread) || firstComment !== current.firstComment;
      const when = input.schedule === undefined ? undefined : resolveSchedule(input.schedule, existing.map((t) => t.zone));
      const destsChanged = input.accounts !== undefined || input.platforms !== undefined;
      const wanted: Destination[] = destsChanged
        ? resolveDestinations(input.accounts, input.platforms)
        : existing.map((t) => ({ platform: t.platform, accountId: t.account_id }));
      if (input.text !== undefined || when !== undefined || destsChanged) {
        const at = when === undefined ? (current.scheduledAt ? Date.parse(current.scheduledAt) : null) : (when?.epochMs ?? null);
        guard(input.text ?? current.text, wanted, at, input.override, input.id);
      }
      const wantedKeys = new Set(wanted.map(destKey));
      const keyOf = (t: TargetRow) => destKey({ platform: t.platform, accountId: t.account_id });

      // Taking a copy off its way out is a delete, which a drafts-only token may not do.
      if (agentReview.draftsOnly() && existing.some((t) => !wantedKeys.has(keyOf(t)) && (t.state === 'approved' || t.state === 'scheduled'))) {
        agentReview.refuse('take a post off the schedule for an account');
      }
      for (const t of existing.filter(locked)) {
        if (!wantedKeys.has(keyOf(t))) throw new AppError('conflict', lockedMessage(t, 'removed'));
        if (textChanged || partsChanged) throw new AppError('conflict', lockedMessage(t, 'edited'));
        if (when !== undefined) throw new AppError('conflict', lockedMessage(t, 'rescheduled'));
      }

      const now = clock.now();
      const changes: string[] = [];
      targets.atomically(() => {
        // New words, or a new thread or first comment, make a new version (it records both).
        if (textChanged || partsChanged) {
          repo.addVersion(input.id, textChanged ? input.text! : current.text, 'manual', now, makerOfRequest(), { thread, firstComment });
          if (textChanged) changes.push('text');
        }
        if (partsChanged) {
          for (const t of existing) {
            if (!wantedKeys.has(keyOf(t))) continue;
            // A copy that failed after part of its thread went out keeps what is out.
            if (repo.partsStarted(t.id)) throw new AppError('conflict', `Part of the ${PLATFORM_NAMES[t.platform]} thread has already been sent, so the thread can't be changed. Duplicate the post to reuse it.`);
            repo.replaceParts(t.id, partsFor(t.platform, thread, firstComment));
          }
          changes.push('thread');
        }
        for (const t of existing) {
          if (!wantedKeys.has(keyOf(t))) {
            targets.remove(t.id);
            changes.push(`-${t.platform}`);
          } else if (when !== undefined && !locked(t)) {
            targets.transition([t.id], t.state, stateAfterReschedule(t.state, when !== null), 'post.reschedule', { scheduledAt: when?.epochMs ?? null, zone: when?.zone ?? null, nextAttemptAt: null });
          }
        }
        const have = new Set(existing.map(keyOf));
        // A new account joins at the post's current time unless a new one was given, and in the
        // state the rest of the post is in: a post in review stays in review.
        const base = when !== undefined ? when : current.scheduledAt ? { epochMs: Date.parse(current.scheduledAt), zone: current.zone ?? zone() } : null;
        const joinState = (): TargetState => {
          const states = existing.map((t) => t.state);
          if (!base) return states.includes('approved') ? 'approved' : 'draft';
          if (states.includes('in_review')) return 'in_review';
          if (states.includes('scheduled') || states.includes('publishing') || states.includes('published')) return 'scheduled';
          if (states.includes('approved')) return 'scheduled';
          return autoApprove() ? 'scheduled' : 'in_review';
        };
        for (const d of wanted) {
          if (have.has(destKey(d))) continue;
          const targetId = randomUUID();
          targets.insert({ id: targetId, postId: input.id, platform: d.platform, accountId: d.accountId, scheduledAt: base?.epochMs ?? null, zone: base?.zone ?? null, state: 'draft' });
          repo.insertParts(targetId, partsFor(d.platform, thread, firstComment));
          const state = joinState();
          if (state !== 'draft') targets.transition([targetId], 'draft', state, 'post.addDestination');
          changes.push(`+${d.platform}`);
        }
        if (when !== undefined) changes.push('schedule');
        // New words go out only if they pass the gates where the post is already on its way, and
        // an agent's only once the creator has approved them.
        if (textChanged || partsChanged) {
          // Review's reason for sending it back is answered by the new words: the note goes.
          for (const t of existing) if (wantedKeys.has(keyOf(t)) && isRejectionNote(t.last_error)) targets.note(t.id, null, null);
          targets.regate(input.id);
          targets.reviewAgain(input.id, 'post.agentEdit');
        }
        // An agent's new time or accounts for a post on its way out wait for the creator too.
        if (when !== undefined || destsChanged) targets.reviewAgain(input.id, 'post.agentMove');
        targets.touched(input.id);
        audit.record({ actor: 'user', action: 'post.update', entity: 'post', entityId: input.id, detail: { changes } });
      });
      return mustGet(input.id);
    },

    /**
     * A new draft with the same words, media, thread, first comment, per-platform texts, accounts,
     * campaign, pillar and voice, and no time: how a creator reuses a post, including one already
     * out (whose copies can't be edited). Drafts are not guarded; scheduling it is.
     */
    duplicate(id: string): PostDto {
      const source = mustGet(id);
      const now = clock.now();
      const copyId = targets.atomically(() => {
        const made = copier.duplicate(id, now, makerOfRequest());
        if (made === null) throw new AppError('not_found', 'That post no longer exists. It may have been deleted in another window.');
        storePostPrint(db, made, source.text);
        audit.record({ actor: 'user', action: 'post.duplicate', entity: 'post', entityId: made, detail: { from: id } });
        return made;
      });
      return mustGet(copyId);
    },

    /** `keep: false`: not kept to be brought back (a take-back, whose undo is making it again). */
    delete(id: string, { keep = true }: { keep?: boolean } = {}): { id: string } {
      mustGet(id);
      const busy = repo.targets(id).find((t) => t.state === 'publishing');
      if (busy) throw new AppError('conflict', lockedMessage(busy, 'deleted'));
      targets.atomically(() => {
        if (keep) bin.keep(id, clock.now(), makerOfRequest().actor);
        repo.deletePost(id);
        targets.touched(id, 'deleted');
        audit.record({ actor: 'user', action: 'post.delete', entity: 'post', entityId: id });
      });
      return { id };
    },

    /**
     * Several posts in one transaction: all of them, or none when one is being published right
     * now. Ids of posts already gone (deleted in another window) are left out of the answer.
     */
    deleteMany(ids: string[]): { ids: string[] } {
      const found = repo.getMany([...new Set(ids)]);
      const busy = found.find((p) => p.targets.some((t) => t.state === 'publishing'));
      if (busy) {
        const words = busy.text.trim().split(/\s+/).slice(0, 6).join(' ');
        throw new AppError('conflict', `“${words}” is being published right now, so it can't be deleted. Nothing was deleted; try again in a moment, or leave that post out.`);
      }
      targets.atomically(() => {
        for (const p of found) {
          bin.keep(p.id, clock.now(), makerOfRequest().actor);
          repo.deletePost(p.id);
          targets.touched(p.id, 'deleted');
          audit.record({ actor: 'user', action: 'post.delete', entity: 'post', entityId: p.id, detail: { many: found.length } });
        }
      });
      return { ids: found.map((p) => p.id) };
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;

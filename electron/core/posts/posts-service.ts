import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput, type PostDto, type ScheduleInputDto } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import { EDITABLE_STATES, type TargetState } from '../../../shared/domain/states';
import { formatInstant, resolveLocal } from '../../../shared/domain/time';
import type { Audit } from '../audit';
import { assertNotDuplicate } from '../features/guard/duplicate-check';
import type { Clock } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';
import type { PostsRepo, TargetRow } from './posts-repo';

interface Deps {
  /** Whether a platform's client can publish thread parts and a first comment. */
  features: (platform: Platform) => { threads: boolean; firstComment: boolean };
  db: Db;
  repo: PostsRepo;
  audit: Audit;
  events: EventBus;
  clock: Clock;
  zone: () => string;
}

const locked = (t: TargetRow) => !EDITABLE_STATES.includes(t.state);
/** Other parts of the core create and edit posts too; they may leave the guard's override out. */
type CreateInput = Omit<ChannelParsedInput<'posts:create'>, 'override'> & { override?: boolean };
type UpdateInput = Omit<ChannelParsedInput<'posts:update'>, 'override'> & { override?: boolean };

const silent = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Creating, editing and deleting posts: every change is one transaction, audited, announced. */
export function createPostsService({ db, repo, audit, events, clock, zone, features }: Deps) {
  /** A platform gets the parts it can publish; the composer shows which those are. */
  const partsFor = (platform: Platform, thread: string[], firstComment: string | null) => {
    const f = features(platform);
    return [
      ...(f.threads ? thread.map((text) => ({ kind: 'thread' as const, text })) : []),
      ...(f.firstComment && firstComment ? [{ kind: 'comment' as const, text: firstComment }] : []),
    ];
  };

  const resolveSchedule = (schedule: ScheduleInputDto | null) => {
    if (!schedule) return null;
    const z = schedule.zone ?? zone();
    const r = resolveLocal({ date: schedule.date, time: schedule.time, zone: z });
    if (!r.ok) throw new AppError(r.reason === 'invalid_zone' ? 'invalid_input' : 'invalid_time', r.message);
    if (r.epochMs <= clock.now()) {
      throw new AppError('invalid_time', `${formatInstant(r.epochMs, z, { withZone: true, withYear: true })} has already passed. Pick a time in the future.`);
    }
    return { epochMs: r.epochMs, zone: z };
  };

  const autoApproveRow = db.prepare("SELECT value FROM settings WHERE key = 'autoApproveOwnPosts'");
  /** Settings' autoApproveOwnPosts (default on), read where it is stored so this service needs no new dependency. */
  const autoApprove = (): boolean => {
    const row = autoApproveRow.get() as { value: string } | undefined;
    return row ? JSON.parse(row.value) !== false : true;
  };

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
    list(scope: 'upcoming' | 'drafts' | 'all') {
      return repo.list(scope);
    },

    get: mustGet,

    getMany: (ids: string[]) => repo.getMany(ids),

    versions(id: string) {
      mustGet(id);
      return repo.versions(id);
    },

    create(input: CreateInput): PostDto {
      const when = resolveSchedule(input.schedule);
      // The same words to two accounts of one platform is refused unless the creator insists.
      assertNotDuplicate({ db, clock, log: silent }, { text: input.text, platforms: input.platforms, scheduledAt: when?.epochMs ?? null, override: input.override });
      // With auto-approve off (Settings), a hand-written post with a time waits in Review first.
      const timedState = autoApprove() ? 'scheduled' : 'in_review';
      const id = randomUUID();
      const now = clock.now();
      db.transaction(() => {
        repo.insertPost(id, now);
        repo.addVersion(id, input.text, 'manual', now);
        for (const platform of input.platforms) {
          const targetId = randomUUID();
          repo.insertTarget({ id: targetId, postId: id, platform, scheduledAt: when?.epochMs ?? null, zone: when?.zone ?? null, state: when ? timedState : 'draft' }, now);
          repo.insertParts(targetId, partsFor(platform, input.thread, input.firstComment));
        }
        audit.record({ actor: 'user', action: 'post.create', entity: 'post', entityId: id, detail: { platforms: input.platforms, scheduledAt: when?.epochMs ?? null } });
      })();
      events.emit('posts:changed', { ids: [id], reason: 'created' });
      return mustGet(id);
    },

    update(input: UpdateInput): PostDto {
      const current = mustGet(input.id);
      const targets = repo.targets(input.id);
      const textChanged = input.text !== undefined && input.text !== current.text;
      const when = input.schedule === undefined ? undefined : resolveSchedule(input.schedule);
      if (input.text !== undefined || when !== undefined || input.platforms !== undefined) {
        assertNotDuplicate(
          { db, clock, log: silent },
          {
            text: input.text ?? current.text,
            platforms: input.platforms ?? targets.map((t) => t.platform),
            scheduledAt: when === undefined ? (current.scheduledAt ? Date.parse(current.scheduledAt) : null) : (when?.epochMs ?? null),
            excludePostId: input.id,
            override: input.override,
          },
        );
      }
      const wanted = new Set<Platform>(input.platforms ?? targets.map((t) => t.platform));

      for (const t of targets.filter(locked)) {
        if (!wanted.has(t.platform)) throw new AppError('conflict', lockedMessage(t, 'removed'));
        if (textChanged) throw new AppError('conflict', lockedMessage(t, 'edited'));
        if (when !== undefined) throw new AppError('conflict', lockedMessage(t, 'rescheduled'));
      }

      const now = clock.now();
      const changes: string[] = [];
      db.transaction(() => {
        if (textChanged) {
          repo.addVersion(input.id, input.text!, 'manual', now);
          changes.push('text');
        }
        for (const t of targets) {
          if (!wanted.has(t.platform)) {
            repo.deleteTarget(t.id);
            changes.push(`-${t.platform}`);
          } else if (when !== undefined && !locked(t)) {
            repo.reschedule(t.id, when?.epochMs ?? null, when?.zone ?? null, stateAfterReschedule(t.state, when !== null), now);
          }
        }
        const existing = new Set(targets.map((t) => t.platform));
        // A new platform joins at the post's current time unless a new one was given.
        const base = when !== undefined ? when : current.scheduledAt ? { epochMs: Date.parse(current.scheduledAt), zone: current.zone ?? zone() } : null;
        for (const platform of wanted) {
          if (existing.has(platform)) continue;
          const targetId = randomUUID();
          repo.insertTarget({ id: targetId, postId: input.id, platform, scheduledAt: base?.epochMs ?? null, zone: base?.zone ?? null, state: base ? 'scheduled' : 'draft' }, now);
          repo.insertParts(targetId, partsFor(platform, current.thread, current.firstComment));
          changes.push(`+${platform}`);
        }
        if (when !== undefined) changes.push('schedule');
        repo.touchPost(input.id, now);
        audit.record({ actor: 'user', action: 'post.update', entity: 'post', entityId: input.id, detail: { changes } });
      })();
      events.emit('posts:changed', { ids: [input.id], reason: 'updated' });
      return mustGet(input.id);
    },

    delete(id: string): { id: string } {
      mustGet(id);
      const busy = repo.targets(id).find((t) => t.state === 'publishing');
      if (busy) throw new AppError('conflict', lockedMessage(busy, 'deleted'));
      db.transaction(() => {
        repo.deletePost(id);
        audit.record({ actor: 'user', action: 'post.delete', entity: 'post', entityId: id });
      })();
      events.emit('posts:changed', { ids: [id], reason: 'deleted' });
      return { id };
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;

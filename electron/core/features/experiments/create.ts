/**
 * Making an experiment: its arms (written by hand, or the current texts of a variant set the
 * content engine wrote), and one post per (arm, matched slot), each waiting in Review at its
 * time. Posts are made by the posts owner and moved by the targets owner, never written around
 * them; all of it in one transaction, kept together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { FeatureDeps } from '../types';
import { slotInstants, type WeeklySlot } from '../posting-times/weekly-slots';
import { seededRandom } from '../../analytics/stats/rng';
import { rotate, seedOf, slotKey } from './assign';
import { armLabel } from '../../analytics/stats/verdict';

/** Platforms that report no views: their experiments compare engagements per post. */
const NO_VIEWS: readonly Platform[] = ['bluesky', 'mastodon'];
/** Targets that hold a posting time already. */
const HOLDING = `('scheduled','approved','in_review','publishing')`;

interface AccountRow {
  id: string;
  platform: Platform;
  handle: string;
}

interface Slot {
  accountId: string;
  key: string;
  epochMs: number | null;
  zone: string | null;
}

export function createExperimentMaker(deps: Pick<FeatureDeps, 'db' | 'posts' | 'targets' | 'audit' | 'clock' | 'zone'>) {
  const { db, posts, targets, audit, clock, zone: creatorZone } = deps;
  const s = {
    account: db.prepare('SELECT id, platform, handle FROM accounts WHERE id = ?'),
    weekly: db.prepare('SELECT weekday, time FROM queue_slots WHERE account_id = ? ORDER BY weekday, time'),
    ownZone: db.prepare('SELECT zone FROM queue_settings WHERE account_id = ?'),
    taken: db.prepare(`SELECT scheduled_at AS at FROM targets WHERE account_id = ? AND scheduled_at > ? AND state IN ${HOLDING}`),
    campaign: db.prepare('SELECT id FROM campaigns WHERE id = ?'),
    setArms: db.prepare(`SELECT va.arm, va.post_id, va.hook,
        (SELECT text FROM post_versions v WHERE v.post_id = va.post_id ORDER BY number DESC LIMIT 1) AS text
      FROM variant_arms va WHERE va.set_id = ? ORDER BY va.arm`),
    set: db.prepare('SELECT id FROM variant_sets WHERE id = ?'),
    insert: db.prepare(`INSERT INTO experiments (id, name, variant_set_id, campaign_id, metric, min_posts_per_arm, stopping, loss_threshold, state, created_at)
      VALUES (@id, @name, @variantSetId, @campaignId, @metric, @min, @stopping, @loss, 'running', @now)`),
    arm: db.prepare('INSERT INTO experiment_arms (experiment_id, arm, label, text, planned_share) VALUES (?, ?, ?, ?, ?)'),
    post: db.prepare('INSERT INTO experiment_posts (experiment_id, post_id, arm, slot_key) VALUES (?, ?, ?, ?)'),
    link: db.prepare('UPDATE posts SET campaign_id = ?, updated_at = ? WHERE id = ?'),
  };

  const zoneOf = (accountId: string) => (s.ownZone.get(accountId) as { zone: string | null } | undefined)?.zone ?? creatorZone();
  const weeklyOf = (accountId: string) => s.weekly.all(accountId) as WeeklySlot[];

  /** The next `count` free weekly posting times of an account, in order. */
  const freeTimes = (accountId: string, count: number) => {
    const now = clock.now();
    const zone = zoneOf(accountId);
    const taken = new Set((s.taken.all(accountId, now) as { at: number }[]).map((r) => r.at));
    const out: { epochMs: number; key: string; zone: string; weekday: number }[] = [];
    for (const i of slotInstants(weeklyOf(accountId), zone, now)) {
      if (out.length >= count) break;
      if (!taken.has(i.epochMs)) out.push({ epochMs: i.epochMs, key: slotKey(i.weekday, i.time), zone, weekday: i.weekday });
    }
    return out;
  };

  const armsOf = (input: ChannelParsedInput<'experiments:create'>): { label: string; text: string }[] => {
    if (input.arms) return input.arms.map((a, i) => ({ label: a.label || armLabel(i), text: a.text }));
    if (!s.set.get(input.variantSetId)) throw new AppError('not_found', 'That variant set no longer exists. Its drafts may have been deleted.');
    const rows = (s.setArms.all(input.variantSetId) as { arm: number; text: string | null }[]).filter((r) => r.text && r.text.trim());
    if (rows.length < 2) throw new AppError('invalid_input', 'Fewer than two of that set’s drafts are left, so there is nothing to compare.');
    if (rows.length > 5) throw new AppError('invalid_input', 'That set has more than five variants; write the ones to test by hand.');
    return rows.map((r, i) => ({ label: armLabel(i), text: r.text! }));
  };

  const accountsOf = (ids: string[]): AccountRow[] => {
    const list = ids.map((id) => {
      const a = s.account.get(id) as AccountRow | undefined;
      if (!a) throw new AppError('not_found', 'One of those accounts is not connected any more. It may have been disconnected in another window.');
      return a;
    });
    if (new Set(list.map((a) => a.platform)).size > 1) {
      throw new AppError('invalid_input', 'Accounts of different platforms are not comparable. Pick accounts of one platform.', { issues: [{ path: ['accountIds'], message: 'Pick accounts of one platform' }] });
    }
    return list;
  };

  /**
   * The slot of every post, in order of the rotation. `random` draws which arm takes which place
   * (seeded from the experiment's id, so the plan can be worked out again from it).
   */
  const slotsFor = (accounts: AccountRow[], arms: number, postsPerArm: number, random: () => number) => {
    const total = arms * postsPerArm;
    if (accounts.length === 1) {
      const a = accounts[0]!;
      const weekly = weeklyOf(a.id);
      if (weekly.length === 0) {
        throw new AppError('invalid_input', `${a.handle} has no weekly posting times yet. Set them in the queue first: the experiment takes turns over them.`, { issues: [{ path: ['accountIds'], message: 'No weekly posting times' }] });
      }
      const times = freeTimes(a.id, total);
      if (times.length < total) throw new AppError('invalid_input', `${a.handle} has only ${times.length} free posting times ahead; the experiment needs ${total}.`);
      // The matched slot of each free time is its weekly posting time.
      const keys = [...new Set(weekly.map((w) => slotKey(w.weekday, w.time)))];
      const plan = rotate(arms, postsPerArm, (n) => Math.max(0, keys.indexOf(times[n]!.key)), { dayOf: (n) => times[n]!.weekday, random });
      return plan.map((p): Slot & { arm: number } => ({ arm: p.arm, accountId: a.id, key: times[p.n]!.key, epochMs: times[p.n]!.epochMs, zone: times[p.n]!.zone }));
    }
    // Several accounts: the accounts are the slots; each post at its account's next free posting
    // time, or without a time where the account has none (the creator sets it in Review). Which
    // account each turn goes to does not depend on the arms, so the times (and their weekdays,
    // which the arms are spread over too) are known before the arms are drawn.
    const slotOf = (n: number) => n % accounts.length;
    const uses = new Map<string, number>();
    for (let n = 0; n < total; n++) uses.set(accounts[slotOf(n)]!.id, (uses.get(accounts[slotOf(n)]!.id) ?? 0) + 1);
    const times = new Map(accounts.map((a) => [a.id, freeTimes(a.id, uses.get(a.id) ?? 0)]));
    const next = new Map<string, number>();
    const timeOf = Array.from({ length: total }, (_, n) => {
      const a = accounts[slotOf(n)]!;
      const i = next.get(a.id) ?? 0;
      next.set(a.id, i + 1);
      return times.get(a.id)![i] ?? null;
    });
    const plan = rotate(arms, postsPerArm, slotOf, { dayOf: (n) => timeOf[n]?.weekday ?? null, random });
    return plan.map((p): Slot & { arm: number } => {
      const a = accounts[p.slot]!;
      const t = timeOf[p.n];
      return { arm: p.arm, accountId: a.id, key: `account:${a.id}`, epochMs: t?.epochMs ?? null, zone: t?.zone ?? null };
    });
  };

  return function create(input: ChannelParsedInput<'experiments:create'>): string {
    const arms = armsOf(input);
    const accounts = accountsOf(input.accountIds);
    if (input.campaignId && !s.campaign.get(input.campaignId)) throw new AppError('not_found', 'That campaign no longer exists. It may have been deleted in another window.');
    const platform = accounts[0]!.platform;
    const metric = NO_VIEWS.includes(platform) ? 'engagements' : 'engagement_rate';
    if (metric === 'engagements' && input.stopping === 'expected_loss') {
      throw new AppError('invalid_input', `${PLATFORM_NAMES[platform]} reports no views, so the expected-loss rule has no counts to work from. Use the fixed horizon.`, { issues: [{ path: ['stopping'], message: 'Use the fixed horizon' }] });
    }
    const id = randomUUID();
    const slots = slotsFor(accounts, arms.length, input.postsPerArm, seededRandom(seedOf(id)));
    const now = clock.now();
    targets.atomically(() => {
      s.insert.run({
        id,
        name: input.name,
        variantSetId: input.variantSetId ?? null,
        campaignId: input.campaignId,
        metric,
        min: input.postsPerArm,
        stopping: input.stopping,
        loss: input.stopping === 'expected_loss' ? (input.lossThreshold ?? 0.002) : null,
        now,
      });
      arms.forEach((a, i) => s.arm.run(id, i, a.label, a.text, 1 / arms.length));
      for (const slot of slots) {
        // Every version waits in Review, so the same words at several times is the creator's call there.
        const post = posts.create({ text: arms[slot.arm]!.text, accounts: [slot.accountId], schedule: null, thread: [], firstComment: null, override: true });
        if (input.campaignId) s.link.run(input.campaignId, now, post.id);
        targets.transition(post.targets.map((t) => t.id), 'draft', 'in_review', 'experiment.create', { scheduledAt: slot.epochMs, zone: slot.zone });
        s.post.run(id, post.id, slot.arm, slot.key);
      }
      audit.record({ actor: 'user', action: 'experiment.create', entity: 'experiment', entityId: id, detail: { arms: arms.length, postsPerArm: input.postsPerArm, platform: PLATFORM_NAMES[platform], accounts: accounts.length } });
    });
    return id;
  };
}

/**
 * Building a month's plan: the accounts' weekly posting times over the period become slots;
 * pillars take turns over the slots, and each pillar takes turns over the templates. With no AI
 * provider configured, the offline writer writes each slot's draft from its template, pillar,
 * voice and campaign, seeded by the slot's date, so the preview shows the words the drafts get.
 */
import { DateTime } from 'luxon';
import { AppError, type ChannelParsedInput } from '../../../../shared/contract';
import type { PlannedItemDto } from '../../../../shared/contract/features/planner';
import type { Platform } from '../../../../shared/domain/platforms';
import { OFFLINE_WRITER_VERSION, offlineSeed, writeOffline, type OfflineWriterInput } from '../../content/offline-writer';
import { slotsOnDay, type SlotInstant, type WeeklySlot } from '../posting-times/weekly-slots';
import type { FeatureDeps } from '../types';

type Input = ChannelParsedInput<'planner:preview'>;

interface AccountRow {
  id: string;
  platform: Platform;
  handle: string;
}
interface NamedRow {
  id: string;
  name: string;
}
interface TemplateRow extends NamedRow {
  body: string;
  category: string;
  deleted_at: number | null;
}
interface PillarRow extends NamedRow {
  description: string;
  voice_id: string | null;
  tone: string | null;
  words_to_use: string | null;
  words_to_avoid: string | null;
}
interface CampaignRow extends NamedRow {
  theme: string | null;
  goal: 'awareness' | 'engagement' | 'conversion' | null;
}

/** A planned item with what a post needs (the parts of its thread) and how it was written. */
export interface PlannedPost extends PlannedItemDto {
  epochMs: number;
  parts: string[];
  campaignId: string | null;
  writing: { writerVersion: string; seed: string; voiceId: string | null };
}

const words = (json: string | null): string[] => {
  const list: unknown = JSON.parse(json ?? '[]');
  return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [];
};

export function createPlanBuilder({ db, clock, zone: creatorZone, capabilities }: Pick<FeatureDeps, 'db' | 'clock' | 'zone' | 'capabilities'>) {
  const s = {
    account: db.prepare('SELECT id, platform, handle FROM accounts WHERE id = ?'),
    slots: db.prepare('SELECT weekday, time FROM queue_slots WHERE account_id = ? ORDER BY weekday, time'),
    ownZone: db.prepare('SELECT zone FROM queue_settings WHERE account_id = ?'),
    pillar: db.prepare(`SELECT p.id, p.name, p.description, p.voice_id, v.tone, v.words_to_use, v.words_to_avoid
      FROM pillars p LEFT JOIN voices v ON v.id = p.voice_id WHERE p.id = ?`),
    campaign: db.prepare('SELECT id, name, theme, goal FROM campaigns WHERE id = ?'),
    pillarAccounts: db.prepare('SELECT account_id FROM pillar_accounts WHERE pillar_id = ?'),
    template: db.prepare('SELECT id, name, body, category, deleted_at FROM templates WHERE id = ?'),
    // Like the queue: a posting time another post already holds is not free.
    taken: db.prepare(`SELECT scheduled_at AS at FROM targets WHERE account_id = ? AND scheduled_at > ? AND state IN ('scheduled','approved','in_review','publishing')`),
  };

  const missing = (what: string, path: string, index: number): never => {
    throw new AppError('invalid_input', `${what} no longer exists. It may have been deleted in another window; pick again.`, {
      issues: [{ path: [path, index], message: what }],
    });
  };

  return function plan(input: Input): PlannedPost[] {
    const accounts = input.accountIds.map((id, i) => (s.account.get(id) as AccountRow | undefined) ?? missing('One of the accounts', 'accountIds', i));
    const pillars = input.pillarIds.map((id, i) => {
      const row = (s.pillar.get(id) as PillarRow | undefined) ?? missing('One of the pillars', 'pillarIds', i);
      const accountIds = new Set((s.pillarAccounts.all(id) as { account_id: string }[]).map((r) => r.account_id));
      return { ...row, accountIds };
    });
    const templates = input.templateIds.map((id, i) => {
      const row = s.template.get(id) as TemplateRow | undefined;
      if (!row || row.deleted_at !== null) return missing('One of the templates', 'templateIds', i);
      return row;
    });
    const campaign = input.campaignId ? ((s.campaign.get(input.campaignId) as CampaignRow | undefined) ?? missing('The campaign', 'campaignId', 0)) : null;

    const now = clock.now();
    const start = DateTime.fromISO(input.startDate, { zone: 'UTC' });
    if (!start.isValid) throw new AppError('invalid_input', `${input.startDate} is not a date on the calendar.`, { issues: [{ path: ['startDate'], message: 'Not a real date' }] });
    const dates = Array.from({ length: input.days }, (_, d) => start.plus({ days: d }).toISODate()!);

    const slots: { account: AccountRow; slot: SlotInstant }[] = [];
    const withoutTimes: string[] = [];
    for (const account of accounts) {
      const weekly = s.slots.all(account.id) as WeeklySlot[];
      if (weekly.length === 0) withoutTimes.push(account.handle);
      const zone = (s.ownZone.get(account.id) as { zone: string | null } | undefined)?.zone ?? creatorZone();
      const taken = new Set((s.taken.all(account.id, now) as { at: number }[]).map((r) => r.at));
      for (const date of dates) {
        for (const slot of slotsOnDay(weekly, date, zone)) if (slot.epochMs > now && !taken.has(slot.epochMs)) slots.push({ account, slot });
      }
    }
    if (slots.length === 0) {
      const why =
        withoutTimes.length === accounts.length
          ? `${withoutTimes.join(', ')} ${withoutTimes.length === 1 ? 'has' : 'have'} no posting times yet. Add weekly posting times in Queue first.`
          : 'Every posting time of these accounts in that period has passed or is already taken. Pick a later start date.';
      throw new AppError('invalid_input', `There are no posting times to fill: ${why}`, { issues: [{ path: ['accountIds'], message: why }] });
    }
    slots.sort((a, b) => a.slot.epochMs - b.slot.epochMs || a.account.id.localeCompare(b.account.id));

    const turnOf = new Map<string, number>();
    return slots.map(({ account, slot }, k) => {
      const pillar = pillars[k % pillars.length]!;
      const turn = turnOf.get(pillar.id) ?? 0;
      turnOf.set(pillar.id, turn + 1);
      const template = templates[turn % templates.length]!;
      const seed = offlineSeed(slot.date, template.id, pillar.id);
      const writerInput: OfflineWriterInput = {
        platform: account.platform,
        threads: capabilities(account.platform)?.threads ?? false,
        template: { id: template.id, name: template.name, body: template.body, category: template.category },
        pillar: { id: pillar.id, name: pillar.name, description: pillar.description },
        voice: pillar.voice_id ? { tone: pillar.tone ?? '', wordsToUse: words(pillar.words_to_use), wordsToAvoid: words(pillar.words_to_avoid) } : null,
        campaign: campaign ? { name: campaign.name, theme: campaign.theme, goal: campaign.goal } : null,
        seed,
      };
      const draft = writeOffline(writerInput);
      const parts = draft.parts;
      const problems = [...draft.problems];
      if (pillar.accountIds.size > 0 && !pillar.accountIds.has(account.id)) problems.push(`“${pillar.name}” is not usually posted from ${account.handle}`);
      return {
        date: slot.date,
        time: slot.time,
        zone: slot.zone,
        at: new Date(slot.epochMs).toISOString(),
        epochMs: slot.epochMs,
        accountId: account.id,
        accountHandle: account.handle,
        platform: account.platform,
        pillarId: pillar.id,
        pillarName: pillar.name,
        templateId: template.id,
        templateName: template.name,
        text: parts.join('\n---\n'),
        writer: 'offline' as const,
        parts,
        problems,
        campaignId: campaign?.id ?? null,
        writing: { writerVersion: OFFLINE_WRITER_VERSION, seed, voiceId: pillar.voice_id },
      };
    });
  };
}

import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract';
import { moneyMaxMinor, type campaignsChannels } from '../../../../shared/contract/features/campaigns';
import { defaultCurrency } from '../../../../shared/domain/currency';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { applyCampaignUtm } from './apply-utm';
import { createCampaignsRepo, toCampaign, type CampaignRow } from './campaigns-repo';
import { createCampaignGuard, type GuardNotice } from './guard';

/**
 * Campaigns: a name, a theme, a goal, dates, money for ROI and UTM defaults for the links of its posts.
 * Every change is one transaction with its audit entry, announced with campaigns:changed.
 */
export function createCampaignsFeature(
  deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'events' | 'log' | 'posts' | 'settings' | 'targets' | 'zone' | 'dateFormat' | 'background'> & { notify: (n: GuardNotice) => void; cleared?: (campaignId: string) => void },
): { handlers: FeatureHandlers<keyof typeof campaignsChannels>; guard: ReturnType<typeof createCampaignGuard> } {
  const { db, audit, events, clock } = deps;
  const repo = createCampaignsRepo(db);
  const guard = createCampaignGuard(deps);

  const mustGet = (id: string): CampaignRow => {
    const row = repo.get(id);
    if (!row) throw new AppError('not_found', 'That campaign no longer exists. It may have been deleted in another window.');
    return row;
  };

  return {
    guard,
    handlers: {
      'campaigns:list': () => repo.list().map(toCampaign),

      'campaigns:save': (input) => {
        const id = input.id ?? randomUUID();
        const before = input.id ? mustGet(input.id) : null;
        // Absent: an edit keeps its currency; a new campaign takes the last one used, else the locale's.
        const currency = input.currency ?? before?.currency ?? defaultCurrency(repo.list().map(toCampaign), deps.settings.get().locale);
        const tooLarge = (['costCents', 'revenueCents'] as const).filter((k) => input[k] > moneyMaxMinor(currency));
        if (tooLarge.length > 0) {
          const issues = tooLarge.map((k) => ({ path: [k], message: `The ${k === 'costCents' ? 'cost' : 'revenue'} is larger than Loomcast records (up to 100,000,000 ${currency})` }));
          throw new AppError('invalid_input', issues.map((i) => i.message).join('; '), { issues });
        }
        const utm: Record<string, string> = {};
        for (const [k, v] of Object.entries(input.utm)) if (v) utm[k] = v;
        const write = {
          name: input.name,
          theme: input.theme?.trim() ? input.theme.trim() : null,
          goal: input.goal ?? null,
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
          currency,
          costCents: input.costCents,
          revenueCents: input.revenueCents,
          utm,
        };
        const now = clock.now();
        db.transaction(() => {
          if (input.id) repo.update(id, write, now);
          else repo.insert(id, write, now);
          guard.setMinRate(id, input.guardMinRate);
          audit.record({ actor: 'user', action: input.id ? 'campaign.update' : 'campaign.create', entity: 'campaign', entityId: id });
        })();
        events.emit('campaigns:changed', { ids: [id], reason: 'saved' });
        // A new minimum is judged at once (it may pause the campaign).
        if (typeof input.guardMinRate === 'number') guard.evaluate(id);
        return toCampaign(mustGet(id));
      },

      'campaigns:delete': ({ id }) => {
        mustGet(id);
        // posts.campaign_id is ON DELETE SET NULL: the posts stay, outside any campaign.
        const affected = (db.prepare('SELECT id FROM posts WHERE campaign_id = ?').all(id) as { id: string }[]).map((r) => r.id);
        db.transaction(() => {
          repo.delete(id);
          audit.record({ actor: 'user', action: 'campaign.delete', entity: 'campaign', entityId: id, detail: { posts: affected.length } });
        })();
        events.emit('campaigns:changed', { ids: [id], reason: 'deleted' });
        if (affected.length > 0) events.emit('posts:changed', { ids: affected, reason: 'updated' });
        return { id };
      },

      'campaigns:assign': ({ postIds, campaignId }) => {
        if (campaignId) mustGet(campaignId);
        const ids = [...new Set(postIds)];
        const missing = ids.filter((id) => !repo.postExists(id));
        if (missing.length > 0) {
          throw new AppError('not_found', missing.length === 1 ? 'One of those posts no longer exists.' : `${missing.length} of those posts no longer exist.`);
        }
        const touched = new Set<string>(campaignId ? [campaignId] : []);
        for (const id of ids) {
          const before = repo.campaignOf(id);
          if (before) touched.add(before);
        }
        const now = clock.now();
        db.transaction(() => {
          for (const id of ids) repo.assign(id, campaignId, now);
          audit.record({ actor: 'user', action: 'campaign.assign', entity: 'campaign', entityId: campaignId ?? 'none', detail: { posts: ids } });
        })();
        events.emit('posts:changed', { ids, reason: 'updated' });
        events.emit('campaigns:changed', { ids: [...touched], reason: 'assigned' });
        return { postIds: ids, campaignId };
      },

      'campaigns:applyUtm': ({ postId }) => applyCampaignUtm(deps, repo, postId),

      'campaigns:guardCheck': (input) => guard.evaluate(input?.id),

      'campaigns:resume': ({ id }) => {
        const done = guard.resume(id);
        return { campaign: toCampaign(mustGet(id)), ...done };
      },

      'campaigns:postCampaigns': ({ postIds }) =>
        postIds.flatMap((postId) => {
          const campaignId = repo.campaignOf(postId);
          return campaignId ? [{ postId, campaignId }] : [];
        }),
    },
  };
}

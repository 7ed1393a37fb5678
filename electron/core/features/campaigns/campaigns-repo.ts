import type { CampaignDto, CampaignGoal } from '../../../../shared/contract/features/campaigns';
import { roiOf } from '../../../../shared/contract/features/campaigns';
import type { Db } from '../../store/open';

export interface CampaignRow {
  id: string;
  name: string;
  theme: string | null;
  goal: CampaignGoal | null;
  starts_on: string | null;
  ends_on: string | null;
  /** ISO 4217 (schema 36); the amounts are in its minor unit. */
  currency: string;
  cost_cents: number;
  revenue_cents: number;
  utm: string | null;
  created_at: number;
  updated_at: number;
  post_count: number;
  guard_min_rate: number | null;
  paused_at: number | null;
  paused_reason: string | null;
}

export interface CampaignWrite {
  name: string;
  theme: string | null;
  goal: CampaignGoal | null;
  startsOn: string | null;
  endsOn: string | null;
  currency: string;
  costCents: number;
  revenueCents: number;
  utm: Record<string, string>;
}

/** Campaigns with their post counts, by posts_campaign (schema 17). Exported for the plan test. */
export const CAMPAIGNS_SQL = `
  SELECT c.*, (SELECT COUNT(*) FROM posts p WHERE p.campaign_id = c.id) AS post_count
  FROM campaigns c`;

function parseUtm(json: string | null): CampaignDto['utm'] {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object') return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && v) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function toCampaign(row: CampaignRow): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    theme: row.theme,
    goal: row.goal,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    currency: row.currency,
    costCents: row.cost_cents,
    revenueCents: row.revenue_cents,
    utm: parseUtm(row.utm),
    postCount: row.post_count,
    roi: roiOf(row.cost_cents, row.revenue_cents),
    guardMinRate: row.guard_min_rate ?? null,
    pausedAt: row.paused_at == null ? null : new Date(row.paused_at).toISOString(),
    pausedReason: row.paused_reason ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function createCampaignsRepo(db: Db) {
  const s = {
    list: db.prepare(`${CAMPAIGNS_SQL} ORDER BY c.created_at DESC, c.name`),
    get: db.prepare(`${CAMPAIGNS_SQL} WHERE c.id = ?`),
    insert: db.prepare(
      `INSERT INTO campaigns (id, name, theme, goal, starts_on, ends_on, currency, cost_cents, revenue_cents, utm, created_at, updated_at)
       VALUES (@id, @name, @theme, @goal, @startsOn, @endsOn, @currency, @costCents, @revenueCents, @utm, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE campaigns SET name = @name, theme = @theme, goal = @goal, starts_on = @startsOn, ends_on = @endsOn,
       currency = @currency, cost_cents = @costCents, revenue_cents = @revenueCents, utm = @utm, updated_at = @now WHERE id = @id`,
    ),
    delete: db.prepare('DELETE FROM campaigns WHERE id = ?'),
    postExists: db.prepare('SELECT 1 FROM posts WHERE id = ?'),
    assign: db.prepare('UPDATE posts SET campaign_id = ?, updated_at = ? WHERE id = ?'),
    campaignOf: db.prepare('SELECT campaign_id FROM posts WHERE id = ?'),
  };
  return {
    list: () => s.list.all() as CampaignRow[],
    get: (id: string) => s.get.get(id) as CampaignRow | undefined,
    insert(id: string, c: CampaignWrite, now: number) {
      s.insert.run({ id, ...c, utm: JSON.stringify(c.utm), now });
    },
    update(id: string, c: CampaignWrite, now: number) {
      s.update.run({ id, ...c, utm: JSON.stringify(c.utm), now });
    },
    delete: (id: string) => s.delete.run(id),
    postExists: (id: string) => s.postExists.get(id) !== undefined,
    assign: (postId: string, campaignId: string | null, now: number) => s.assign.run(campaignId, now, postId),
    campaignOf: (postId: string) => (s.campaignOf.get(postId) as { campaign_id: string | null } | undefined)?.campaign_id ?? null,
  };
}

export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;

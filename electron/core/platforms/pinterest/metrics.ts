/**
 * `GET /v5/pins/{id}/analytics` → MetricSnapshot. Pinterest keeps at most 90 days of pin
 * analytics; we ask for that window and prefer the lifetime totals when they are given.
 */
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { detailsOf, readJson, request } from '../common/http';
import { apiRoot, errorMessage, rateLimitWindow } from './api';

const METRICS = ['IMPRESSION', 'OUTBOUND_CLICK', 'PIN_CLICK', 'SAVE', 'TOTAL_COMMENTS', 'TOTAL_REACTIONS'] as const;
const WINDOW_DAYS = 89;
const DAY_MS = 86_400_000;

type Counts = Partial<Record<(typeof METRICS)[number], number>>;

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The totals for app type ALL, whatever case the key comes in (platforms.md ⚠️). */
function totals(body: unknown): Counts | null {
  if (!body || typeof body !== 'object') return null;
  const entry = Object.entries(body as Record<string, unknown>).find(([k]) => k.toUpperCase() === 'ALL')?.[1] as
    | { lifetime_metrics?: Counts; summary_metrics?: Counts; daily_metrics?: { data_status?: string; metrics?: Counts }[] }
    | undefined;
  if (!entry) return null;
  if (entry.lifetime_metrics && Object.keys(entry.lifetime_metrics).length) return entry.lifetime_metrics;
  if (entry.summary_metrics && Object.keys(entry.summary_metrics).length) return entry.summary_metrics;
  const sum: Counts = {};
  for (const day of entry.daily_metrics ?? []) {
    if (day.data_status && day.data_status !== 'READY') continue;
    for (const m of METRICS) {
      const v = num(day.metrics?.[m]);
      if (v !== undefined) sum[m] = (sum[m] ?? 0) + v;
    }
  }
  return sum;
}

export async function pinMetrics(ctx: ClientContext, pinId: string): Promise<MetricSnapshot> {
  const now = ctx.clock.now();
  const q = new URLSearchParams({
    start_date: ymd(now - WINDOW_DAYS * DAY_MS),
    end_date: ymd(now),
    metric_types: METRICS.join(','),
    app_types: 'ALL',
  });
  const r = await request(ctx, `${apiRoot(ctx.account.baseUrl)}/pins/${encodeURIComponent(pinId)}/analytics?${q}`, {
    headers: { authorization: `Bearer ${ctx.credentials.accessToken}`, accept: 'application/json' },
  });
  if (!r.ok) throw new PlatformError(`Could not reach Pinterest for the pin's numbers: ${r.failure.message}.`);
  const body = await readJson(r.res);
  if (r.res.status === 429) {
    // The wait Pinterest states (Retry-After or x-ratelimit-reset) is passed on; without one the collector keeps its own.
    const w = rateLimitWindow(r.res, ctx.clock.now());
    throw new PlatformError(
      `Pinterest is limiting requests for the pin's numbers${errorMessage(body) ? ` (${errorMessage(body)})` : ''}.`,
      detailsOf(r.res.status, body),
      429,
      w.source === 'none' ? {} : { retryAt: w.until },
    );
  }
  if (!r.res.ok) {
    const why = r.res.status === 401 ? 'Pinterest needs you to sign in again' : `Pinterest would not give the pin's numbers${errorMessage(body) ? ` (${errorMessage(body)})` : ''}`;
    throw new PlatformError(`${why}.`, detailsOf(r.res.status, body), r.res.status);
  }
  const t = totals(body);
  if (!t) throw new PlatformError("Pinterest's answer had no totals for the pin.", detailsOf(r.res.status, body));
  const outbound = num(t.OUTBOUND_CLICK);
  const pinClicks = num(t.PIN_CLICK);
  return {
    impressions: num(t.IMPRESSION) ?? null,
    clicks: outbound === undefined && pinClicks === undefined ? null : (outbound ?? 0) + (pinClicks ?? 0),
    saves: num(t.SAVE) ?? null,
    replies: num(t.TOTAL_COMMENTS) ?? null,
    likes: num(t.TOTAL_REACTIONS) ?? null,
  };
}

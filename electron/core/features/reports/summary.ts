/**
 * The weekly report in words, each figure with what it rests on. What belongs to the week comes
 * first; an experiment's verdict and a campaign's return are not the week's, and say whose they
 * are. A campaign with no posts in the week, or a running experiment with none out in it, has
 * nothing to say about the week, so it stays out of these lines (its row stays in the tables).
 */
import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import type { DateFormat } from '../../../../shared/domain/datetime-format';
import { formatCount, formatNumber } from '../../../../shared/domain/numbers';
import { percent } from '../../../../shared/domain/percent';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';

type Report = Omit<WeeklyReportDto, 'summary'>;
type ExperimentLine = Report['experiments'][number];

const names = (ps: Platform[]) => ps.map((p) => PLATFORM_NAMES[p]).join(', ');

/**
 * The week's dates in the creator's format; numbers in their locale. `now` tells a week still to
 * come or under way from one that is over (left out: over).
 */
export function summarise(r: Report, format: DateFormat, locale = 'en', now?: number): string[] {
  const pct = (x: number) => percent(x, 1, locale);
  const n = (x: number) => formatCount(x, locale);
  const s = (k: number, word: string) => `${n(k)} ${word}${k === 1 ? '' : 's'}`;
  const cps = (k: number) => `${n(k)} ${k === 1 ? 'copy' : 'copies'}`;
  const week = `${format.range(r.weekStart, r.weekEnd)} (${r.zone})`;
  const out: string[] = [];
  const started = now === undefined || Date.parse(r.from) <= now;
  const over = now === undefined || Date.parse(r.to) <= now;
  if (!started) out.push(`The week of ${week} has not happened yet, so there is nothing to report. Its report fills in as its posts go out.`);
  else if (r.copies === 0) out.push(over ? `Nothing was published in the week of ${week}.` : `Nothing published so far in the week of ${week}; the week is not over yet.`);
  else {
    out.push(`${s(r.posts, 'post')} published (${cps(r.copies)}) in the week of ${week}; numbers collected for ${n(r.measured)}.`);
    if (r.reach.value !== null) out.push(`Reach ${n(r.reach.value)} views or impressions, from ${cps(r.reach.posts)} that reported them.`);
    if (r.reachNotReported.length) out.push(`No views or impressions reported by ${names(r.reachNotReported)}.`);
    if (r.engagements.value !== null) out.push(`${n(r.engagements.value)} engagements (likes, replies, reposts, quotes, shares, saves).`);
    out.push(r.engagementRate.value !== null ? `Engagement rate ${pct(r.engagementRate.value)} over ${cps(r.engagementRate.posts)} with both numbers.` : 'No engagement rate: no copy reported both engagements and views.');
    if (r.best) out.push(`Best post: ${pct(r.best.rate)} on ${PLATFORM_NAMES[r.best.platform]} (best of ${r.bestFrom}).`);
    if (r.clicks.value !== null) out.push(`${s(r.clicks.value, 'link click')}${r.clicksNotReported.length ? `; ${names(r.clicksNotReported)} reported no clicks` : ''}.`);
    else if (r.measured > 0) out.push('No platform reported link clicks this week.');
  }
  for (const e of r.experiments) if (e.postsThisWeek > 0 || decidedInWeek(e, r)) out.push(experimentLine(e, r, n));
  for (const c of r.campaigns) {
    if (c.postsThisWeek === 0) continue;
    const ret = c.roi === null ? 'no cost recorded, so no return to show' : `the campaign to date (not this week alone) has returned ${formatNumber(c.roi, locale, { digits: 2 })}× its cost (revenue ÷ cost)`;
    out.push(`Campaign “${c.name}”: ${s(c.postsThisWeek, 'post')} this week; ${ret}.`);
  }
  return out;
}

const decidedInWeek = (e: ExperimentLine, r: Report) => e.decidedAt !== null && e.decidedAt >= r.from && e.decidedAt < r.to;

/** "B won on 10 posts compared (A 5, B 5), by its rule …": the verdict with what it rests on. */
function experimentLine(e: ExperimentLine, r: Report, n: (x: number) => string): string {
  const state = e.state === 'decided' && decidedInWeek(e, r) ? 'decided this week' : e.state;
  const posts = (k: number) => `${n(k)} ${k === 1 ? 'post' : 'posts'}`;
  const perVersion = e.versions.map((v) => `${v.label} ${n(v.compared)}`).join(', ');
  const week = `${n(e.postsThisWeek)} of its posts went out this week`;
  if (e.verdict === 'collecting') {
    const what = e.state === 'stopped' ? 'stopped before a verdict' : 'no verdict yet';
    return `Experiment “${e.name}” (${state}): ${what}, ${posts(e.compared)} compared so far (${perVersion}) under its rule “${e.rule}”; ${week}.`;
  }
  const verdict = e.verdict === 'winner' ? `${e.winnerLabel ?? 'one version'} won` : e.verdict === 'equivalent' ? 'the versions did equally well' : 'no clear difference';
  return `Experiment “${e.name}” (${state}): ${verdict} on ${posts(e.compared)} compared (${perVersion}), by its rule “${e.rule}”. That is the experiment’s verdict over all its posts, not this week’s; ${week}.`;
}

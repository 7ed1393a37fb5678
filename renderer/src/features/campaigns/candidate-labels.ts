import type { AccountDto, PostDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { STATE_LABELS } from '../../../../shared/domain/states';
import { DateTime } from 'luxon';
import { dayTime, parseInstant } from '../../lib/format';

/**
 * How a post is told apart in the campaign's "Add a post" list: when it goes or went out (in the
 * creator's zone and date format), where to, its state and the start of its text, so ten posts
 * that begin alike ("With #craft #weaving") are still ten different choices.
 */

export type CandidateGroup = 'scheduled' | 'published' | 'other';

export const GROUP_LABELS: Record<CandidateGroup, string> = {
  scheduled: 'Scheduled',
  published: 'Published',
  other: 'Drafts and others',
};

export interface Candidate {
  id: string;
  group: CandidateGroup;
  label: string;
  /** Epoch ms of the post's time, for ordering; null when it has none. */
  at: number | null;
}

const START = 60;
const textStart = (text: string) => {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > START ? `${line.slice(0, START - 1)}…` : line || '(no text)';
};

function groupOf(p: PostDto): CandidateGroup {
  const states = p.targets.map((t) => t.state);
  if (states.length > 0 && states.every((s) => s === 'published')) return 'published';
  if (states.some((s) => s === 'scheduled' || s === 'approved' || s === 'publishing')) return 'scheduled';
  if (states.some((s) => s === 'published')) return 'published';
  return 'other';
}

/** "Scheduled", or "Published, 1 failed" when its copies differ. */
function stateWords(p: PostDto): string {
  const counts = new Map<string, number>();
  for (const t of p.targets) counts.set(STATE_LABELS[t.state], (counts.get(STATE_LABELS[t.state]) ?? 0) + 1);
  if (counts.size === 0) return 'Draft';
  if (counts.size === 1) return [...counts.keys()][0]!;
  return [...counts].map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ');
}

/** "X @loomstudio, Mastodon @ada@example.social": each copy's platform and account. */
function whereWords(p: PostDto, accounts: readonly AccountDto[]): string {
  if (p.targets.length === 0) return 'no account yet';
  const seen = new Set<string>();
  for (const t of p.targets) {
    const account = accounts.find((a) => a.id === t.accountId);
    seen.add(account ? `${PLATFORM_NAMES[t.platform]} ${account.handle}` : PLATFORM_NAMES[t.platform]);
  }
  return [...seen].join(', ');
}

/** The earliest time of the post's copies (a published copy keeps the time it was due out at). */
function timeOf(p: PostDto): { at: number; zone: string | null } | null {
  let best: { at: number; zone: string | null } | null = null;
  for (const t of p.targets) {
    if (!t.scheduledAt) continue;
    const at = parseInstant(t.scheduledAt);
    if (!best || at < best.at) best = { at, zone: t.zone };
  }
  return best;
}

export function candidateOf(p: PostDto, accounts: readonly AccountDto[], zone: string, nowMs: number): Candidate {
  const group = groupOf(p);
  const when = timeOf(p);
  const otherYear = when !== null && DateTime.fromMillis(when.at, { zone }).year !== DateTime.fromMillis(nowMs, { zone }).year;
  const whenWords = when ? dayTime(when.at, zone, { withYear: otherYear }) : group === 'other' ? 'Not scheduled' : 'No time set';
  return { id: p.id, group, at: when?.at ?? null, label: `${whenWords} · ${whereWords(p, accounts)} · ${stateWords(p)} · ${textStart(p.text)}` };
}

/**
 * The candidates in groups (scheduled soonest first, published newest first, then the rest),
 * kept to those whose words contain every word of `query`; empty groups are left out.
 */
export function groupCandidates(posts: readonly PostDto[], accounts: readonly AccountDto[], zone: string, nowMs: number, query = ''): { group: CandidateGroup; items: Candidate[] }[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const all = posts
    .map((p) => ({ c: candidateOf(p, accounts, zone, nowMs), text: p.text.toLowerCase() }))
    .filter(({ c, text }) => words.every((w) => text.includes(w) || c.label.toLowerCase().includes(w)))
    .map(({ c }) => c);
  const order: Record<CandidateGroup, (a: Candidate, b: Candidate) => number> = {
    scheduled: (a, b) => (a.at ?? Infinity) - (b.at ?? Infinity),
    published: (a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity),
    other: () => 0,
  };
  return (['scheduled', 'published', 'other'] as const)
    .map((group) => ({ group, items: all.filter((c) => c.group === group).sort(order[group]) }))
    .filter((g) => g.items.length > 0);
}

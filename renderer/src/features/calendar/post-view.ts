import type { PostDto } from '../../../../shared/contract';
import type { TargetState } from '../../../../shared/domain/states';
import { dayKey } from '../../../../shared/domain/time';

/** The state a post's row shows: the one that most needs the creator's eye. */
const ATTENTION: TargetState[] = ['failed', 'unconfirmed', 'missed', 'publishing', 'in_review', 'approved', 'scheduled', 'published', 'draft', 'cancelled'];

export function headlineState(post: PostDto): TargetState {
  const states = new Set(post.targets.map((t) => t.state));
  return ATTENTION.find((s) => states.has(s)) ?? 'draft';
}

export function matches(post: Pick<PostDto, 'text'>, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  return q === '' || post.text.toLocaleLowerCase().includes(q);
}

export interface DayGroup {
  key: string; // YYYY-MM-DD in the creator's zone, or '' for posts without a time
  posts: PostDto[];
}

/** Upcoming posts by day in the creator's zone, in time order (the core sends them sorted). */
export function groupByDay(posts: PostDto[], zone: string): DayGroup[] {
  const groups = new Map<string, PostDto[]>();
  for (const post of posts) {
    const key = post.scheduledAt ? dayKey(Date.parse(post.scheduledAt), zone) : '';
    groups.set(key, [...(groups.get(key) ?? []), post]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b))).map(([key, list]) => ({ key, posts: list }));
}

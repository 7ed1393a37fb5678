import type { PostDto } from '../../../../shared/contract';
import { clockTime, firstWords, relative } from '../../lib/format';
import { useRepeats } from '../../data/useRepeating';
import { Icon } from '../../ui/Icon';
import { PlatformMarks } from '../../ui/PlatformMark';
import { StateBadge } from '../../ui/StateBadge';
import { headlineState } from './post-view';

const MAX_MARKS = 4;

/** A row's checkbox for acting on several posts at once (the list view's selection). */
export interface RowPick {
  on: boolean;
  toggle: (on: boolean) => void;
}

/** One post as a compact two-line chip: time and first words; platforms (and "Repeats" for a series' post) and state. */
export function PostRow({ post, zone, now, selected, onOpen, pick }: { post: PostDto; zone: string; now: number; selected: boolean; onOpen: () => void; pick?: RowPick }) {
  const platforms = post.targets.map((t) => t.platform);
  const shown = platforms.slice(0, platforms.length > MAX_MARKS ? MAX_MARKS - 1 : MAX_MARKS);
  const more = platforms.length - shown.length;
  const state = headlineState(post);
  const repeats = useRepeats(post.id);
  return (
    <li className={pick ? 'post-row-item' : undefined}>
      {pick ? (
        <input
          type="checkbox"
          className="post-row-pick"
          data-testid="post-pick"
          checked={pick.on}
          onChange={(e) => pick.toggle(e.target.checked)}
          aria-label={`Select “${firstWords(post.text) || 'post without text'}”`}
        />
      ) : null}
      <button type="button" className="post-row" data-testid="post-row" data-post-id={post.id} aria-current={selected ? 'true' : undefined} onClick={onOpen}>
        <span className="post-row-time" data-testid="post-time">
          {post.scheduledAt ? clockTime(Date.parse(post.scheduledAt), zone) : <Icon name="draft" size={15} />}
        </span>
        <span className="post-row-text" data-testid="post-text" dir="auto">
          {firstWords(post.text) || <em>No text</em>}
        </span>
        <span className="post-row-meta">
          <PlatformMarks platforms={shown} compact />
          {more > 0 ? <span className="platform-more">+{more}</span> : null}
          {repeats ? (
            <span className="post-row-repeats" data-testid="post-repeats">
              <Icon name="repeat" size={12} />
              Repeats
            </span>
          ) : null}
          {post.scheduledAt ? null : <span className="post-row-edited">edited {relative(Date.parse(post.updatedAt), now)}</span>}
        </span>
        <span className="post-row-state">
          <StateBadge state={state} testId="post-state" />
        </span>
      </button>
    </li>
  );
}

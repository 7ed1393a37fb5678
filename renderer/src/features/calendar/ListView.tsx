import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { MAX_SEARCH_SHOWN } from '../../../../shared/domain/list-sections';
import { openPost, setSearch, useUiStore } from '../../app/ui.store';
import { settledPosts } from '../../data/post-attention';
import { usePostLists } from '../../data/usePosts';
import { dayHeading, plural } from '../../lib/format';
import { count } from '../../lib/numbers';
import { ProblemNote } from '../../ui/ProblemNote';
import { filtersActive, useCalendarStore } from './calendar.store';
import { EmptyCalendar } from './EmptyCalendar';
import { postPasses } from './placement';
import { groupByDay, matches, type DayGroup } from './post-view';
import { PostRow } from './PostRow';
import { RecentlyDeleted } from './RecentlyDeleted';
import { SearchAnnouncer, searchSpoken } from './SearchAnnouncer';
import { SectionMore } from './SectionMore';
import { SelectionBar } from './ListSelection';
import { HISTORY_MATCHES, useHistorySearch, type HistorySearch } from './useHistorySearch';

/** Published posts shown at most; the rest are still in the core, and in search. */
const PUBLISHED_SHOWN = 20;
/** Rows drawn at first, and added each time the end of the list comes into view. */
const ROWS_PER_PAGE = 150;

/** Each section takes rows from what is left of the budget, in the order they are shown. */
function pages(sections: PostDto[][], budget: number): PostDto[][] {
  let left = budget;
  return sections.map((posts) => {
    const out = posts.slice(0, Math.max(0, left));
    left -= out.length;
    return out;
  });
}

/** "1,234 posts": thousands read as such. */
const posts = (n: number) => `${count(n)} ${n === 1 ? 'post' : 'posts'}`;

/**
 * The search note's count: the core's, every match once (shown here or not); until it comes, the
 * posts shown so far, and never a guess: "at least" when the count is missing and there are more.
 */
function searchCount(query: string, history: HistorySearch, shown: number): string {
  if (history.total !== null) return `${posts(history.total)} matching “${query}”`;
  if (history.posts === null && !history.problem) return `${posts(shown)} matching “${query}” so far…`;
  // The history could not be searched, or it has more than it sent: what is shown is a floor.
  return `${history.posts === null || history.more ? 'At least ' : ''}${posts(shown)} matching “${query}”`;
}

/** A row re-renders only when its post, its selection or (for drafts) the clock changes. */
const Row = memo(function Row({ post, zone, now, selected, picked, onPick }: { post: PostDto; zone: string; now: number; selected: boolean; picked: boolean; onPick: (ids: string[], on: boolean) => void }) {
  return <PostRow post={post} zone={zone} now={now} selected={selected} onOpen={() => openPost(post.id)} pick={{ on: picked, toggle: (on) => onPick([post.id], on) }} />;
});

/**
 * The list: what needs attention, what is coming, drafts, and what went out. It reads the
 * core's lists (not a range; the settled ones are the latest 200); with thousands of posts it
 * draws them a page at a time.
 */
export function ListView({ zone, now }: { zone: string; now: number }) {
  const { upcoming, drafts, attention, published, more, problem, loading } = usePostLists();
  const search = useUiStore((s) => s.search);
  const openId = useUiStore((s) => s.openPostId);
  const filters = useCalendarStore((s) => s.filters);
  const [budget, setBudget] = useState(ROWS_PER_PAGE);
  const sentinel = useRef<HTMLDivElement>(null);
  // Posts picked for acting on together; only those still shown count.
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const pick = useCallback((ids: string[], on: boolean) => {
    setPicked((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const shown = (p: PostDto) => matches(p, search) && postPasses(p, filters);
  const shownUpcoming = (upcoming ?? []).filter(shown);
  const shownDrafts = (drafts ?? []).filter(shown);
  const settled = settledPosts(attention ?? [], published ?? []);
  const shownAttention = settled.attention.filter(shown);
  const shownPublished = settled.published.filter(shown).slice(0, PUBLISHED_SHOWN);
  const nothingAtAll = !loading && !problem && upcoming?.length === 0 && drafts?.length === 0 && (attention?.length ?? 0) === 0 && (published?.length ?? 0) === 0;
  const searching = search.trim() !== '';
  const narrowed = searching || filtersActive(filters);
  // What the lists hold is shown in its section; the search finds the rest of the history.
  const inSections = new Set([...shownAttention, ...shownUpcoming, ...shownDrafts, ...shownPublished].map((p) => p.id));
  const history = useHistorySearch(search, { accountIds: filters.accountIds, states: filters.states, shown: searching ? [...inSections] : [] });
  const elsewhere = searching ? (history.posts ?? []).filter((p) => !inSections.has(p.id) && postPasses(p, filters)) : [];
  // The core counts every match once, those above included: the rest is what lies elsewhere.
  const elsewhereTotal = history.total === null ? null : Math.max(elsewhere.length, history.total - inSections.size);
  const total = shownUpcoming.length + shownDrafts.length + shownAttention.length + shownPublished.length;

  const [attentionRows, upcomingRows, draftRows, publishedRows] = pages([shownAttention, shownUpcoming, shownDrafts, shownPublished], budget) as [PostDto[], PostDto[], PostDto[], PostDto[]];
  const cut = total - Math.min(total, budget);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || cut === 0) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setBudget((b) => b + ROWS_PER_PAGE);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cut]);

  const shownPosts = [...attentionRows, ...upcomingRows, ...draftRows, ...publishedRows, ...elsewhere];
  const shownIds = shownPosts.map((p) => p.id);
  // In the order shown (a post found by search twice counts once), so the queue fills in that order.
  const pickedShown = [...new Map(shownPosts.filter((p) => picked.has(p.id)).map((p) => [p.id, p])).values()];
  const row = (post: PostDto) => <Row key={post.id} post={post} zone={zone} now={post.scheduledAt ? 0 : now} selected={post.id === openId} picked={picked.has(post.id)} onPick={pick} />;
  const days = (groups: DayGroup[]) =>
    groups.map((group) => {
      const heading = group.key ? dayHeading(group.key, zone, now) : { label: 'No time yet', date: '' };
      return (
        <section key={group.key || 'untimed'} className="day-group" aria-label={`${heading.label} ${heading.date}`} data-testid="day-group" data-day={group.key}>
          <h3 className="day-heading">
            {heading.label}
            <span>{heading.date}</span>
          </h3>
          <ul className="post-list">{group.posts.map(row)}</ul>
        </section>
      );
    });

  return (
    <div className="list-view" data-testid="list-view">
      {problem ? <ProblemNote problem={problem} testId="posts-problem" /> : null}
      {loading ? <p className="muted">Reading your posts…</p> : null}
      {nothingAtAll ? <EmptyCalendar /> : null}

      {pickedShown.length > 0 ? (
        <SelectionBar posts={pickedShown} shown={new Set(shownIds).size} zone={zone} onPickAll={() => setPicked(new Set(shownIds))} onClear={() => setPicked(new Set())} onDone={(ids) => pick(ids, false)} />
      ) : null}

      {searching && !nothingAtAll ? (
        <div className="search-note" data-testid="search-note">
          <span data-testid="search-count">{searchCount(search.trim(), history, inSections.size + elsewhere.length)}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setSearch('')}>
            Clear search
          </button>
        </div>
      ) : null}

      <SearchAnnouncer query={search.trim()} words={searching ? searchSpoken(search.trim(), history, inSections.size + elsewhere.length, inSections.size <= MAX_SEARCH_SHOWN) : null} />

      {attentionRows.length > 0 ? (
        <section className="list-section attention-section" aria-labelledby="attention-title" data-testid="attention-list">
          <h2 id="attention-title" className="section-title">
            Needs attention <span className="count">{shownAttention.length}</span>
          </h2>
          <p className="section-note">Failed, unconfirmed or missed: these did not go out as planned. Open one to see what the platform said.</p>
          {days(groupByDay(attentionRows, zone).reverse())}
        </section>
      ) : null}

      {!nothingAtAll && upcoming && (upcomingRows.length > 0 || shownUpcoming.length === 0) ? (
        <section className="list-section" aria-labelledby="upcoming-title" data-testid="upcoming-list">
          <h2 id="upcoming-title" className="section-title">
            Upcoming <span className="count">{count(shownUpcoming.length + (narrowed ? 0 : more.upcoming))}</span>
          </h2>
          {shownUpcoming.length === 0 ? (
            <p className="muted section-empty">{searching ? 'No upcoming post matches.' : more.upcoming > 0 ? 'None of the first posts on the way out passes these filters.' : 'Nothing scheduled. Open a draft and give it a time, or write a new post.'}</p>
          ) : (
            days(groupByDay(upcomingRows, zone))
          )}
          {upcomingRows.length === shownUpcoming.length ? <SectionMore section="upcoming" more={more.upcoming} narrowed={narrowed} /> : null}
        </section>
      ) : null}

      {!nothingAtAll && drafts && (drafts.length > 0 || !searching) && (draftRows.length > 0 || shownDrafts.length === 0) ? (
        <section className="list-section" aria-labelledby="drafts-title" data-testid="drafts-list">
          <h2 id="drafts-title" className="section-title">
            Drafts <span className="count">{count(shownDrafts.length + (narrowed ? 0 : more.drafts))}</span>
          </h2>
          {shownDrafts.length === 0 ? (
            <p className="muted section-empty">{searching ? 'No draft matches.' : more.drafts > 0 ? 'None of the latest drafts passes these filters.' : 'No drafts. “Save as draft” in the composer keeps a post here without a time.'}</p>
          ) : (
            <ul className="post-list">{draftRows.map(row)}</ul>
          )}
          {draftRows.length === shownDrafts.length ? <SectionMore section="drafts" more={more.drafts} narrowed={narrowed} /> : null}
        </section>
      ) : null}

      {publishedRows.length > 0 ? (
        <section className="list-section" aria-labelledby="published-title" data-testid="published-list">
          <h2 id="published-title" className="section-title">
            Published <span className="count">{shownPublished.length}</span>
          </h2>
          {days(groupByDay(publishedRows, zone).reverse())}
        </section>
      ) : null}

      {searching && !nothingAtAll ? (
        <section className="list-section" aria-labelledby="history-title" data-testid="history-list">
          <h2 id="history-title" className="section-title">
            Elsewhere in your history <span className="count">{history.posts ? (elsewhereTotal !== null ? count(elsewhereTotal) : `${count(elsewhere.length)}${history.more ? '+' : ''}`) : '…'}</span>
          </h2>
          {history.problem ? (
            <ProblemNote problem={history.problem} testId="history-problem" />
          ) : history.posts === null ? (
            <p className="muted section-empty">Searching every post you have written…</p>
          ) : elsewhere.length === 0 ? (
            <p className="muted section-empty">No other post matches.</p>
          ) : (
            <ul className="post-list">{elsewhere.map(row)}</ul>
          )}
          {history.more ? (
            <p className="section-note">
              {elsewhereTotal === null ? `These are the best ${HISTORY_MATCHES} matches in your whole history` : `These are the best ${count(elsewhere.length)} of ${count(elsewhereTotal)}`}; another word narrows it.
            </p>
          ) : null}
        </section>
      ) : null}

      {cut > 0 ? (
        <div ref={sentinel} className="list-more" data-testid="list-more">
          <span className="muted">{plural(total - cut, 'post')} of {total} shown</span>
          <button type="button" className="btn btn-small" onClick={() => setBudget((b) => b + ROWS_PER_PAGE)}>
            Show {Math.min(cut, ROWS_PER_PAGE)} more
          </button>
        </div>
      ) : null}

      {searching ? null : <RecentlyDeleted zone={zone} />}
    </div>
  );
}

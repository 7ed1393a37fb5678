import { useEffect } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { startNewPost } from '../../app/TopBar';
import { closePost, openPost, setSearch, useUiStore } from '../../app/ui.store';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { settledPosts } from '../../data/post-attention';
import { usePostLists } from '../../data/usePosts';
import { dayHeading, plural, zoneAbbrev } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { PostPanel } from './PostPanel';
import { PostRow } from './PostRow';
import { groupByDay, matches, type DayGroup } from './post-view';
import './calendar.css';

function EmptyCalendar() {
  return (
    <div className="empty" data-testid="calendar-empty">
      <div className="empty-icon" aria-hidden="true">
        <Icon name="calendar" size={22} />
      </div>
      <h2>No posts yet — write your first post</h2>
      <p>Write it once, pick the platforms, and choose a day and time in your own time zone. It will wait here in your calendar.</p>
      <button type="button" className="btn btn-primary" data-testid="empty-new-post" onClick={startNewPost}>
        <Icon name="plus" />
        Write your first post
      </button>
      <p className="empty-later">Planning a whole month at once and importing posts from a CSV file are planned for a later release.</p>
    </div>
  );
}

/** Published posts shown at most; the rest are still in the core, and in search. */
const PUBLISHED_SHOWN = 20;

export function CalendarScreen() {
  const { upcoming, drafts, all, problem, loading } = usePostLists();
  const zone = useZone();
  const now = useNow();
  const search = useUiStore((s) => s.search);
  const openId = useUiStore((s) => s.openPostId);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && useUiStore.getState().openPostId && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) closePost();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const shownUpcoming = (upcoming ?? []).filter((p) => matches(p, search));
  const shownDrafts = (drafts ?? []).filter((p) => matches(p, search));
  const listed = new Set([...(upcoming ?? []), ...(drafts ?? [])].map((p) => p.id));
  const settled = settledPosts(all ?? [], listed);
  const shownAttention = settled.attention.filter((p) => matches(p, search));
  const shownPublished = settled.published.filter((p) => matches(p, search)).slice(0, PUBLISHED_SHOWN);
  const nothingAtAll = !loading && !problem && upcoming?.length === 0 && drafts?.length === 0 && (all?.length ?? 0) === 0;
  const searching = search.trim() !== '';

  const row = (post: PostDto) => <PostRow key={post.id} post={post} zone={zone} now={now} selected={post.id === openId} onOpen={() => openPost(post.id)} />;
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
    <div className={openId ? 'calendar-layout with-panel' : 'calendar-layout'}>
      <Page
        title="Calendar"
        testId="calendar-screen"
        note={
          <>
            Times in <strong>{zone}</strong> ({zoneAbbrev(zone, now)})
          </>
        }
      >
        {problem ? <ProblemNote problem={problem} testId="posts-problem" /> : null}
        {loading ? <p className="muted">Reading your posts…</p> : null}
        {nothingAtAll ? <EmptyCalendar /> : null}

        {searching && !nothingAtAll ? (
          <div className="search-note" data-testid="search-note">
            <span>
              {plural(shownUpcoming.length + shownDrafts.length + shownAttention.length + shownPublished.length, 'post')} matching “{search.trim()}”
            </span>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setSearch('')}>
              Clear search
            </button>
          </div>
        ) : null}

        {shownAttention.length > 0 ? (
          <section className="list-section attention-section" aria-labelledby="attention-title" data-testid="attention-list">
            <h2 id="attention-title" className="section-title">
              Needs attention <span className="count">{shownAttention.length}</span>
            </h2>
            <p className="section-note">Failed, unconfirmed or missed: these did not go out as planned. Open one to see what the platform said.</p>
            {days(groupByDay(shownAttention, zone).reverse())}
          </section>
        ) : null}

        {!nothingAtAll && upcoming ? (
          <section className="list-section" aria-labelledby="upcoming-title" data-testid="upcoming-list">
            <h2 id="upcoming-title" className="section-title">
              Upcoming <span className="count">{shownUpcoming.length}</span>
            </h2>
            {shownUpcoming.length === 0 ? (
              <p className="muted section-empty">{searching ? 'No upcoming post matches.' : 'Nothing scheduled. Open a draft and give it a time, or write a new post.'}</p>
            ) : (
              days(groupByDay(shownUpcoming, zone))
            )}
          </section>
        ) : null}

        {!nothingAtAll && drafts && (drafts.length > 0 || !searching) ? (
          <section className="list-section" aria-labelledby="drafts-title" data-testid="drafts-list">
            <h2 id="drafts-title" className="section-title">
              Drafts <span className="count">{shownDrafts.length}</span>
            </h2>
            {shownDrafts.length === 0 ? (
              <p className="muted section-empty">{searching ? 'No draft matches.' : 'No drafts. “Save as draft” in the composer keeps a post here without a time.'}</p>
            ) : (
              <ul className="post-list">{shownDrafts.map(row)}</ul>
            )}
          </section>
        ) : null}

        {shownPublished.length > 0 ? (
          <section className="list-section" aria-labelledby="published-title" data-testid="published-list">
            <h2 id="published-title" className="section-title">
              Published <span className="count">{shownPublished.length}</span>
            </h2>
            {days(groupByDay(shownPublished, zone).reverse())}
          </section>
        ) : null}
      </Page>
      {openId ? <PostPanel key={openId} id={openId} /> : null}
    </div>
  );
}

import { startNewPost } from '../../../app/TopBar';
import { navigate } from '../../../app/router';
import { platformList } from '../../../lib/format';
import { Icon } from '../../../ui/Icon';
import { ProblemNote } from '../../../ui/ProblemNote';
import { useAccounts } from '../../accounts/useAccounts';
import { useIdeasStore } from '../../ideas/ideas.store';
import { ScheduleOnDialog } from './ScheduleOnDialog';
import { SidebarCard } from './SidebarCard';
import { ideaPlatforms } from './schedule-item';
import { setSidebarOpen, useSidebarStore, type SidebarItem } from './sidebar.store';
import { useSidebarItems } from './useSidebarItems';
import './calendar-sidebar.css';

/** More than this many items in all, and the sidebar offers a search. */
const SEARCH_FROM = 8;

function Section({ title, testId, items, total, empty }: { title: string; testId: string; items: SidebarItem[]; total: number; empty: React.ReactNode }) {
  const id = `${testId}-title`;
  return (
    <section className="sidebar-section" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="sidebar-section-title">
        {title} <span className="sidebar-count" data-testid={`${testId}-count`}>{items.length === total ? total : `${items.length} of ${total}`}</span>
      </h3>
      {items.length > 0 ? (
        <ul className="sidebar-list">
          {items.map((item) => (
            <SidebarCard key={item.kind === 'draft' ? item.post.id : item.idea.id} item={item} />
          ))}
        </ul>
      ) : (
        <div className="sidebar-empty">{total > 0 ? <p>Nothing here matches the search.</p> : empty}</div>
      )}
    </section>
  );
}

/**
 * Drafts without a time and unused ideas, beside the month or week: drag one onto a day to
 * schedule it there, or use its "Schedule on…" button. Collapsible; its state is remembered.
 */
export function CalendarSidebar({ zone, suggestedDay }: { zone: string; suggestedDay: string }) {
  const query = useSidebarStore((s) => s.query);
  const picking = useSidebarStore((s) => s.picking);
  const lifted = useSidebarStore((s) => s.lifted);
  const { drafts, ideas, totals, problem } = useSidebarItems(query);
  // Where a dropped idea goes follows the accounts and the last pick in Ideas as they change.
  useAccounts();
  useIdeasStore((s) => s.lastPlatforms);
  const goes = ideaPlatforms();

  return (
    <aside className="calendar-sidebar" id="calendar-sidebar" aria-labelledby="calendar-sidebar-title" data-testid="calendar-sidebar" data-lifted={lifted ? 'true' : undefined}>
      <header className="sidebar-header">
        <h2 id="calendar-sidebar-title">Drafts and ideas</h2>
        <button type="button" className="btn btn-icon" aria-label="Hide drafts and ideas" data-testid="calendar-sidebar-close" onClick={() => setSidebarOpen(false)}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <p className="sidebar-hint">Drag one onto a day to schedule it there, or use “Schedule on…”.</p>
      {totals.drafts + totals.ideas > SEARCH_FROM ? (
        <div className="sidebar-search">
          <label htmlFor="calendar-sidebar-search" className="visually-hidden">
            Search drafts and ideas
          </label>
          <input id="calendar-sidebar-search" type="search" placeholder="Search drafts and ideas" data-testid="calendar-sidebar-search" value={query} onChange={(e) => useSidebarStore.setState({ query: e.target.value })} />
        </div>
      ) : null}
      {problem ? <ProblemNote problem={problem} testId="calendar-sidebar-problem" /> : null}
      <div className="sidebar-scroll">
        <Section
          title="Drafts"
          testId="sidebar-drafts"
          items={drafts}
          total={totals.drafts}
          empty={
            <>
              <p>No drafts without a time.</p>
              <button type="button" className="btn btn-small" onClick={startNewPost}>
                Write a draft
              </button>
            </>
          }
        />
        <Section
          title="Ideas"
          testId="sidebar-ideas"
          items={ideas}
          total={totals.ideas}
          empty={
            <>
              <p>No unused ideas. Jot one down in Ideas and it shows up here.</p>
              <button type="button" className="btn btn-small" onClick={() => navigate('ideas')}>
                Open Ideas
              </button>
            </>
          }
        />
        {totals.ideas > 0 ? (
          <p className="sidebar-note" data-testid="sidebar-ideas-go">
            {goes.length > 0 ? `A dropped idea becomes a post for ${platformList(goes)}.` : 'Connect an account first: a dropped idea needs somewhere to go.'}
          </p>
        ) : null}
      </div>
      {picking ? <ScheduleOnDialog item={picking} zone={zone} suggested={suggestedDay} /> : null}
    </aside>
  );
}

import type { FocusEvent, KeyboardEvent, MouseEvent } from 'react';
import { usePostsSummary } from '../data/usePostsSummary';
import { accountNeedsAttention, useAccounts } from '../features/accounts/useAccounts';
import { WelcomeNavItem } from '../features/welcome/WelcomeEntry';
import { Icon, type IconName } from '../ui/Icon';
import type { Screen } from './router';
import { setNavOpen, useUiStore } from './ui.store';

const NAV: { screen: Screen; label: string; icon: IconName }[] = [
  { screen: 'calendar', label: 'Calendar', icon: 'calendar' },
  { screen: 'compose', label: 'Compose', icon: 'compose' },
  { screen: 'review', label: 'Review', icon: 'review' },
  { screen: 'analytics', label: 'Analytics', icon: 'analytics' },
  { screen: 'experiments', label: 'Experiments', icon: 'experiments' },
  { screen: 'ideas', label: 'Ideas', icon: 'ideas' },
  { screen: 'campaigns', label: 'Campaigns', icon: 'link' },
  { screen: 'planner', label: 'Plan a month', icon: 'calendar' },
  { screen: 'reports', label: 'Weekly report', icon: 'draft' },
  { screen: 'library', label: 'Library', icon: 'copy' },
  { screen: 'import', label: 'Import & export', icon: 'draft' },
  { screen: 'accounts', label: 'Accounts', icon: 'accounts' },
  { screen: 'settings', label: 'Settings', icon: 'settings' },
];

/** Posts waiting for a decision in Review; counted from real targets, shown only when there are some. */
function useReviewCount(): number {
  return usePostsSummary().summary?.review ?? 0;
}

/** Accounts that can't post until the creator reconnects them. */
function useBrokenAccounts(): number {
  const { accounts } = useAccounts();
  return (accounts ?? []).filter(accountNeedsAttention).length;
}

/**
 * Narrow windows (200 % zoom) fold the sidebar behind the top bar's menu button. Open, it closes
 * on Escape (focus back on the button), when a link is followed (focus to the screen), when
 * focus leaves it, or on a click beside it. Wide windows always show it and ignore all this.
 */
function useFolding() {
  const open = useUiStore((s) => s.navOpen);
  const onKeyDown = (e: KeyboardEvent) => {
    if (open && e.key === 'Escape') {
      e.stopPropagation();
      setNavOpen(false, { refocus: true });
    }
  };
  const onClick = (e: MouseEvent) => {
    if (!open || !(e.target as Element).closest('a')) return;
    setNavOpen(false);
    document.getElementById('content')?.focus();
  };
  const onBlur = (e: FocusEvent) => {
    const to = e.relatedTarget as Element | null;
    if (open && to && !e.currentTarget.contains(to) && to.id !== 'nav-menu-button') setNavOpen(false);
  };
  return { open, handlers: { onKeyDown, onClick, onBlur } };
}

export function Sidebar({ current }: { current: Screen }) {
  const reviewCount = useReviewCount();
  const brokenAccounts = useBrokenAccounts();
  const { open, handlers } = useFolding();
  return (
    <nav id="sidebar" className="sidebar" aria-label="Main" data-open={open ? 'true' : undefined} data-testid="sidebar" {...handlers}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Loomcast</span>
      </div>
      <ul className="nav-list">
        {NAV.map((item) => (
          <li key={item.screen}>
            <a
              href={`#/${item.screen}`}
              className="nav-item"
              data-testid={`nav-${item.screen}`}
              title={item.label}
              aria-current={current === item.screen ? 'page' : undefined}
            >
              <Icon name={item.icon} />
              <span className="nav-label">{item.label}</span>
              {item.screen === 'review' && reviewCount > 0 ? (
                <span className="nav-badge" aria-label={`${reviewCount} waiting`}>
                  {reviewCount}
                </span>
              ) : null}
              {item.screen === 'accounts' && brokenAccounts > 0 ? (
                <span className="nav-badge nav-badge-attention" data-testid="nav-accounts-attention" aria-label={`${brokenAccounts} to reconnect`}>
                  {brokenAccounts}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      <WelcomeNavItem current={current === 'welcome'} />
    </nav>
  );
}

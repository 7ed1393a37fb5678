import { useRef } from 'react';
import { AlertsBell } from '../features/alerts/AlertsBell';
import { WritingQueue } from '../features/generation/WritingQueue';
import { Icon } from '../ui/Icon';
import { keepEarlyKeys } from './early-keys';
import { navigate, type Screen } from './router';
import { requestComposeFocus, setNavOpen, setSearch, useUiStore } from './ui.store';

export function startNewPost(): void {
  // Keys typed while the composer loads wait for its text field (early-keys.ts).
  keepEarlyKeys();
  navigate('compose');
  requestComposeFocus();
}

/** Only narrow windows show it: it opens the folded sidebar and puts focus on the current screen's link. */
function MenuButton() {
  const open = useUiStore((s) => s.navOpen);
  const toggle = () => {
    setNavOpen(!open);
    if (!open) requestAnimationFrame(() => document.querySelector<HTMLElement>('#sidebar [aria-current="page"], #sidebar .nav-item')?.focus());
  };
  return (
    <>
      <button type="button" id="nav-menu-button" className="btn btn-icon nav-menu-button" data-testid="nav-menu" aria-label="Menu" aria-expanded={open} aria-controls="sidebar" onClick={toggle}>
        <Icon name="menu" />
      </button>
      {/* The open sidebar's backdrop: a click beside the menu closes it. Fixed, so it can live here. */}
      {open ? <div className="nav-backdrop" aria-hidden="true" data-testid="nav-backdrop" onClick={() => setNavOpen(false, { refocus: true })} /> : null}
    </>
  );
}

/**
 * Where focus goes back to when the search is left with Escape: the element that had it before the
 * top bar took it, while it is still on the page and can take it; else the screen's heading (or
 * the main region, on a screen without one), never the page body.
 */
function giveFocusBack(before: HTMLElement | null): void {
  if (before?.isConnected) {
    before.focus();
    if (document.activeElement === before) return;
  }
  (document.getElementById('page-title') ?? document.getElementById('content'))?.focus();
}

export function TopBar({ screen }: { screen: Screen }) {
  const search = useUiStore((s) => s.search);
  const input = useRef<HTMLInputElement>(null);
  // What had focus before it came into the top bar ("/" from the page body: nothing).
  const before = useRef<HTMLElement | null>(null);
  return (
    <header
      className="topbar"
      onFocus={(e) => {
        const from = e.relatedTarget;
        if (from instanceof Node && e.currentTarget.contains(from)) return;
        before.current = from instanceof HTMLElement ? from : null;
      }}
    >
      <MenuButton />
      <div className="search" role="search">
        <Icon name="search" className="search-icon" />
        <label htmlFor="search-posts" className="visually-hidden">
          Search posts
        </label>
        <input
          ref={input}
          id="search-posts"
          type="search"
          data-testid="search-input"
          placeholder="Search posts"
          autoComplete="off"
          spellCheck={false}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            // Results show in the calendar's lists, so searching takes you there.
            if (screen !== 'calendar') navigate('calendar');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setSearch('');
              giveFocusBack(before.current);
            }
          }}
        />
        {search ? null : (
          <kbd className="search-hint" aria-hidden="true">
            /
          </kbd>
        )}
      </div>
      <div className="topbar-actions">
        <WritingQueue />
        <AlertsBell />
        <button type="button" className="btn btn-primary" data-testid="new-post" onClick={startNewPost} aria-keyshortcuts="N">
          <Icon name="plus" />
          <span className="topbar-label">New post</span>
          <kbd className="kbd-on-primary" aria-hidden="true">
            N
          </kbd>
        </button>
      </div>
    </header>
  );
}

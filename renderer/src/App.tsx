import { lazy, Suspense, useEffect, useState } from 'react';
import { Sidebar } from './app/Sidebar';
import { StatusLine } from './app/StatusLine';
import { Toasts } from './app/Toasts';
import { TopBar } from './app/TopBar';
import { VaultBanner } from './app/VaultBanner';
import { useRoute, type Route } from './app/router';
import { useShortcuts } from './app/useShortcuts';
import { useAppStore } from './data/app.store';
import { useBootstrap, useSettings } from './data/useAppData';
import { ProblemNote } from './ui/ProblemNote';

// Every screen is its own chunk, fetched on first visit, so chart.js, twitter-text and the rest
// load only with the screens that use them, and the entry script is the frame alone (the
// libraries every screen shares are chunks of their own: see electron.vite.config.ts).
const CalendarScreen = lazy(() => import('./features/calendar/CalendarScreen').then((m) => ({ default: m.CalendarScreen })));
const AccountsScreen = lazy(() => import('./features/accounts/AccountsScreen').then((m) => ({ default: m.AccountsScreen })));
const AnalyticsScreen = lazy(() => import('./features/analytics/AnalyticsScreen').then((m) => ({ default: m.AnalyticsScreen })));
const CampaignsScreen = lazy(() => import('./features/campaigns/CampaignsScreen').then((m) => ({ default: m.CampaignsScreen })));
const ComposeScreen = lazy(() => import('./features/compose/ComposeScreen').then((m) => ({ default: m.ComposeScreen })));
const ExperimentsScreen = lazy(() => import('./features/experiments/ExperimentsScreen').then((m) => ({ default: m.ExperimentsScreen })));
const IdeasScreen = lazy(() => import('./features/ideas/IdeasScreen').then((m) => ({ default: m.IdeasScreen })));
const ImportScreen = lazy(() => import('./features/import/ImportScreen').then((m) => ({ default: m.ImportScreen })));
const LibraryScreen = lazy(() => import('./features/templates/LibraryScreen').then((m) => ({ default: m.LibraryScreen })));
const PlannerScreen = lazy(() => import('./features/planner/PlannerScreen').then((m) => ({ default: m.PlannerScreen })));
const ReportsScreen = lazy(() => import('./features/reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));
const ReviewScreen = lazy(() => import('./features/review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })));
const SettingsScreen = lazy(() => import('./features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const WelcomeScreen = lazy(() => import('./features/welcome/WelcomeScreen').then((m) => ({ default: m.WelcomeScreen })));

/**
 * Shown while a screen's chunk loads: it fills the content area the screen will fill, so the
 * frame around it does not move, and stays blank for the first 200 ms so fast loads don't flash.
 */
function ScreenLoading() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), 200);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p className="screen-loading" role="status" data-testid="screen-loading">
      {shown ? 'Loading…' : ''}
    </p>
  );
}

function ScreenFor({ route }: { route: Route }) {
  switch (route.screen) {
    case 'calendar':
      return <CalendarScreen />;
    case 'compose':
      return <ComposeScreen key={route.param ?? 'new'} editId={route.param} />;
    case 'review':
      return <ReviewScreen />;
    case 'analytics':
      return <AnalyticsScreen />;
    case 'experiments':
      return <ExperimentsScreen />;
    case 'ideas':
      return <IdeasScreen />;
    case 'campaigns':
      return <CampaignsScreen />;
    case 'planner':
      return <PlannerScreen />;
    case 'reports':
      return <ReportsScreen param={route.param} />;
    case 'library':
      return <LibraryScreen param={route.param} />;
    case 'import':
      return <ImportScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'welcome':
      return <WelcomeScreen param={route.param} />;
  }
}

/** Light, dark, or whatever the OS says: Settings' theme lands on <html data-theme>. */
function useTheme(theme: 'system' | 'light' | 'dark' | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  useBootstrap();
  useShortcuts();
  const settings = useSettings();
  useTheme(settings?.theme);
  const bootProblem = useAppStore((s) => s.bootProblem);
  const route = useRoute();

  if (!settings) {
    return (
      <div className="boot" data-testid="boot">
        {bootProblem ? (
          <div className="boot-problem">
            <h1>Loomcast can’t reach its core</h1>
            <ProblemNote problem={bootProblem} />
          </div>
        ) : (
          <p className="boot-loading">Opening Loomcast…</p>
        )}
      </div>
    );
  }

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => document.getElementById('content')?.focus()}>
        Skip to content
      </button>
      <Sidebar current={route.screen} />
      <div className="main">
        <TopBar screen={route.screen} />
        <VaultBanner />
        <main className="content" id="content" tabIndex={-1}>
          <Suspense fallback={<ScreenLoading />}>
            <ScreenFor route={route} />
          </Suspense>
        </main>
      </div>
      <StatusLine />
      <Toasts />
    </div>
  );
}

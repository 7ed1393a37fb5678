import { useEffect } from 'react';
import { Sidebar } from './app/Sidebar';
import { StatusLine } from './app/StatusLine';
import { Toasts } from './app/Toasts';
import { TopBar } from './app/TopBar';
import { VaultBanner } from './app/VaultBanner';
import { useRoute, type Route } from './app/router';
import { useShortcuts } from './app/useShortcuts';
import { useAppStore } from './data/app.store';
import { useBootstrap, useSettings } from './data/useAppData';
import { AccountsScreen } from './features/accounts/AccountsScreen';
import { AnalyticsScreen } from './features/analytics/AnalyticsScreen';
import { CalendarScreen } from './features/calendar/CalendarScreen';
import { CampaignsScreen } from './features/campaigns/CampaignsScreen';
import { ComposeScreen } from './features/compose/ComposeScreen';
import { ExperimentsScreen } from './features/experiments/ExperimentsScreen';
import { IdeasScreen } from './features/ideas/IdeasScreen';
import { ImportScreen } from './features/import/ImportScreen';
import { LibraryScreen } from './features/templates/LibraryScreen';
import { PlannerScreen } from './features/planner/PlannerScreen';
import { ReportsScreen } from './features/reports/ReportsScreen';
import { ReviewScreen } from './features/review/ReviewScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { ProblemNote } from './ui/ProblemNote';

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
          <ScreenFor route={route} />
        </main>
      </div>
      <StatusLine />
      <Toasts />
    </div>
  );
}

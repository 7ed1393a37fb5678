import { useEffect, useRef } from 'react';
import { isPlatform, type Platform } from '../../../../shared/domain/platforms';
import { ProblemNote } from '../../ui/ProblemNote';
import { AppRow } from './AppRow';
import { useDeveloperApps } from './useDeveloperApps';

/**
 * Settings → Developer apps. Most platforms only let an app the creator registered post for
 * them; its client id lives in the database, its secret in the keychain and never comes back.
 */
export function DeveloperApps({ focusPlatform, focusRequested }: { focusPlatform: Platform | null; focusRequested: boolean }) {
  const { apps, problem } = useDeveloperApps();
  const section = useRef<HTMLElement>(null);
  const needing = apps?.filter((a) => a.needsApp) ?? null;
  const ready = needing !== null;

  // #/settings/developer-apps[/<platform>] (from Accounts) scrolls here and puts the cursor in place.
  useEffect(() => {
    if (!focusRequested || !ready) return;
    const row = focusPlatform ? section.current?.querySelector<HTMLElement>(`#app-${focusPlatform}`) : null;
    (row ?? section.current)?.scrollIntoView({ block: 'start' });
    if (focusPlatform) document.getElementById(`app-client-id-${focusPlatform}`)?.focus();
    else section.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [focusRequested, focusPlatform, ready]);

  return (
    <section ref={section} className="card developer-apps" aria-labelledby="settings-apps" data-testid="developer-apps">
      <h2 id="settings-apps" className="card-title" tabIndex={-1}>
        Developer apps
      </h2>
      <p className="setting-help apps-intro">
        X, LinkedIn, Facebook, Instagram, Threads, TikTok, YouTube and Pinterest only let Loomcast post through an app you create on their developer site. Create one, register the redirect URL shown,
        and enter its keys here. The secret goes straight to your system keychain and is never shown again. Mastodon and Bluesky need no app.
      </p>
      {problem ? <ProblemNote problem={problem} /> : null}
      {needing === null && !problem ? <p className="muted">Reading your apps…</p> : null}
      {needing ? (
        <ul className="app-list">
          {needing.map((app) => (
            <AppRow key={app.platform} app={app} highlight={focusRequested && focusPlatform === app.platform} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The route's rest after #/settings: "developer-apps" or "developer-apps/<platform>". */
export function appsFocus(param: string | null): { requested: boolean; platform: Platform | null } {
  if (!param?.startsWith('developer-apps')) return { requested: false, platform: null };
  const rest = param.split('/')[1] ?? '';
  return { requested: true, platform: isPlatform(rest) ? rest : null };
}

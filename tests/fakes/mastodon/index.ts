/**
 * The fake Mastodon instance, for integration tests, Playwright (import and start it) and
 * manual tries (`cli.ts`). Faithful to ../../../../shared/docs/platforms.md §3.
 *
 *   const fake = await startMastodonFake();
 *   const app = fake.registerApp({ name: 'Loomcast', redirectUris: ['http://127.0.0.1:4321/cb'], scopes: [...] });
 *   const code = fake.authorize({ clientId: app.clientId, redirectUri, scope, codeChallenge });
 */
import { MastodonFake, type MastodonFakeOptions } from './fake';
import { registerMediaRoutes } from './media-routes';
import { registerOAuthRoutes } from './oauth-routes';
import { registerStatusRoutes } from './status-routes';

export { DEFAULT_RATES, MastodonFake, rubyIso, type MastodonFakeOptions, type Rates } from './fake';
export { DEFAULT_LIMITS, type FakeLimits, type FakeStatus, type FakeMedia } from './model';

class MastodonInstance extends MastodonFake {
  /**
   * What a person clicking "Authorize" on the consent page does, without a browser: checks the
   * request as `GET /oauth/authorize` would and returns the code the redirect would carry.
   */
  authorize(p: { clientId: string; redirectUri: string; scope?: string; codeChallenge?: string; codeChallengeMethod?: string; username?: string }): string {
    const app = this.apps.get(p.clientId);
    if (!app) throw new Error('unknown client_id');
    if (!app.redirectUris.includes(p.redirectUri)) throw new Error('redirect_uri does not match a registered one');
    const scopes = (p.scope ?? 'read').split(/\s+/).filter(Boolean);
    if (!scopes.every((s) => app.scopes.includes(s))) throw new Error('invalid_scope');
    if (p.codeChallenge && (p.codeChallengeMethod ?? 'S256') !== 'S256') throw new Error('code_challenge_method must be S256');
    return this.issueCode({ clientId: app.clientId, redirectUri: p.redirectUri, scopes, codeChallenge: p.codeChallenge ?? null, ...(p.username ? { username: p.username } : {}) });
  }
}

export type StartedMastodonFake = MastodonInstance;

export async function startMastodonFake(opts: MastodonFakeOptions & { port?: number } = {}): Promise<StartedMastodonFake> {
  const fake = new MastodonInstance(opts);
  registerOAuthRoutes(fake);
  registerStatusRoutes(fake);
  registerMediaRoutes(fake);
  return fake.start(opts.port ?? 0);
}

/**
 * The soak's platforms: X, Mastodon and Facebook fakes on the test's fake clock (so tokens
 * expire and rate limits reset as the simulated month goes by), with faults drawn from the
 * seeded PRNG on every write they receive.
 */
import type { Fault, FakeServer } from '../../fakes/common/fake-server';
import { facebookConnector } from '../../../electron/core/platforms/facebook';
import type { ConnectResult } from '../../../electron/core/platforms/types';
import { systemClock } from '../../../electron/core/deps';
import { startFacebookFake, type FacebookFake } from '../../fakes/facebook';
import { startMastodonFake } from '../../fakes/mastodon';
import { connectMastodon } from '../../fakes/mastodon/harness';
import { startXFake } from '../../fakes/x';
import { connectX } from '../../fakes/x/harness';
import type { FakeClock } from '../../support/clock';
import type { Prng } from '../support/prng';

export const SOAK_PLATFORMS = ['x', 'mastodon', 'facebook'] as const;
export type SoakPlatform = (typeof SOAK_PLATFORMS)[number];

export interface FaultTally {
  server_error: number;
  rate_limit: number;
  timeout_after_accept: number;
  expired_token: number;
}

export interface World {
  fakes: Record<SoakPlatform, FakeServer>;
  accounts: { platform: SoakPlatform; connected: ConnectResult; serverUrl: string | null }[];
  baseUrls: { x: string; facebook: string };
  faults: FaultTally;
  /** The share of writes that meet a fault from now on. */
  setFaultRate(rate: number): void;
  /** Requests the fakes hold open (timeouts after accept) until the client gives up. */
  hanging(): number;
  /** The core's HTTP: fetch, counting the requests it has sent and not yet had an answer to. */
  http: typeof fetch;
  /** Requests the core sent that have no answer yet: on the wire, being handled, or held. */
  unanswered(): number;
  stop(): Promise<void>;
}

async function connectFacebook(fake: FacebookFake): Promise<ConnectResult> {
  const redirectUri = 'http://127.0.0.1:53134/callback';
  const url = facebookConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.appId, redirectUri, state: 's', codeChallenge: 'unused', scopes: facebookConnector.defaultScopes });
  const { code } = fake.authorize(url);
  return facebookConnector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: 'unused', redirectUri, clientId: fake.state.appId, clientSecret: fake.state.appSecret });
}

/**
 * Faults are off until `setFaultRate`. Expired tokens only on X, whose tokens refresh;
 * Mastodon's and Facebook Pages' do not expire, so there it would mean "reconnect".
 */
export async function startWorld(clock: FakeClock, rnd: Prng): Promise<World> {
  const x = await startXFake({ limits: { 'POST /2/tweets': 10_000, 'GET /2/users/:id/tweets': 10_000, 'GET /2/tweets': 10_000 } });
  const mastodon = await startMastodonFake();
  const facebook = await startFacebookFake();
  const fakes: Record<SoakPlatform, FakeServer> = { x, mastodon, facebook };
  const faults: FaultTally = { server_error: 0, rate_limit: 0, timeout_after_accept: 0, expired_token: 0 };
  let faultRate = 0;
  for (const fake of Object.values(fakes)) fake.now = () => clock.now();
  const accounts: World['accounts'] = [
    { platform: 'x', connected: await connectX(x, { clock }), serverUrl: null },
    { platform: 'mastodon', connected: await connectMastodon(mastodon, { clock }), serverUrl: mastodon.url },
    { platform: 'facebook', connected: await connectFacebook(facebook), serverUrl: null },
  ];
  for (const [platform, fake] of Object.entries(fakes) as [SoakPlatform, FakeServer][]) {
    const take = fake.takeFault.bind(fake);
    fake.takeFault = () => {
      if (rnd.chance(faultRate)) {
        const roll = rnd.next();
        const fault: Fault =
          roll < 0.4
            ? { kind: 'server_error', status: rnd.pick([500, 502, 503]) }
            : roll < 0.65
              ? { kind: 'rate_limit', resetInSeconds: rnd.int(30, 900) }
              : roll < 0.85 || platform !== 'x'
                ? { kind: 'timeout_after_accept' }
                : { kind: 'expired_token' };
        faults[fault.kind as keyof FaultTally]++;
        fake.fault(fault);
      }
      return take();
    };
  }
  let unanswered = 0;
  const http: typeof fetch = async (input, init) => {
    unanswered++;
    try {
      return await fetch(input, init);
    } finally {
      unanswered--;
    }
  };
  return {
    fakes,
    accounts,
    http,
    unanswered: () => unanswered,
    baseUrls: { x: x.url, facebook: facebook.url },
    faults,
    setFaultRate: (rate) => void (faultRate = rate),
    // The kit keeps the held answers private; the soak only counts them.
    hanging: () => Object.values(fakes).reduce((n, f) => n + (f as unknown as { hanging: Set<unknown> }).hanging.size, 0),
    stop: async () => {
      for (const f of Object.values(fakes)) await f.stop();
    },
  };
}

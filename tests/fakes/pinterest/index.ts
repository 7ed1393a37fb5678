/**
 * A Pinterest API v5 stand-in, faithful to ../../../../shared/docs/platforms.md §10: OAuth with
 * HTTP Basic and continuous refresh, boards, image and video pins (with the S3 form upload),
 * the board's pin list, pin analytics, and the kit's faults with Pinterest's status codes (armed
 * apart for the pin list and for analytics, which are reads).
 */
import { FakeServer, type Fault } from '../common/fake-server';
import { authRoutes, consent } from './auth-routes';
import { mediaRoutes } from './media-routes';
import { pinRoutes } from './pin-routes';
import type { FakeMedia, PinterestFakeOptions, PinterestState } from './state';
import { startStaticFiles, type StaticFiles } from './static-files';

export type { PinterestFakeOptions } from './state';

export interface PinterestFakeHelpers {
  /** The API root a client uses (`<url>/v5`). */
  baseUrl: string;
  options: Required<PinterestFakeOptions>;
  /** Plays the consent screen for an authorization URL: checks its parameters and issues a code. */
  authorize(authorizationUrl: string): { code: string; state: string };
  /** Sets the lifetime analytics of a pin (IMPRESSION, SAVE, …). */
  setMetrics(pinId: string, metrics: Record<string, number>): void;
  /** Serves bytes at a public URL, as a media bucket would. */
  files: StaticFiles;
  media(): FakeMedia[];
  tokenRequests: Record<string, string>[];
  /** Arms faults for the next board pin listings, one each (kit faults apply to writes only). */
  faultListing(...faults: Fault[]): void;
  /** Arms faults for the next pin analytics reads, one each (a `rate_limit` answers with this fake's rate-limit headers). */
  faultAnalytics(...faults: Fault[]): void;
}

export type PinterestFake = FakeServer & PinterestFakeHelpers;

export async function startPinterestFake(opts: PinterestFakeOptions = {}): Promise<PinterestFake> {
  const options: Required<PinterestFakeOptions> = {
    clientId: opts.clientId ?? '1484321',
    clientSecret: opts.clientSecret ?? 'app-secret-0123456789',
    username: opts.username ?? 'loomstudio',
    boards: opts.boards ?? [
      { id: '549755885175', name: 'Studio work' },
      { id: '549755885176', name: 'Ideas' },
    ],
    rateLimitHeaders: opts.rateLimitHeaders ?? 'x-ratelimit',
    videoProcessing: opts.videoProcessing ?? 'succeeds',
  };
  let seq = 0;
  const state: PinterestState = {
    opts: options,
    codes: new Map(),
    media: new Map(),
    metrics: new Map(),
    tokenRequests: [],
    listFaults: [],
    analyticsFaults: [],
    // Pinterest ids are long numeric strings.
    nextId: () => String(813_744_226_420_000_000n + BigInt(++seq)),
  };
  const server = new FakeServer('pinterest');
  // Access tokens last about 30 days (platforms.md ⚠️).
  server.accessTtlSeconds = 30 * 86_400;
  authRoutes(server, state);
  pinRoutes(server, state);
  mediaRoutes(server, state);
  await server.start();
  const files = await startStaticFiles();

  const stop = server.stop.bind(server);
  server.stop = async () => {
    await files.stop();
    await stop();
  };

  const helpers: PinterestFakeHelpers = {
    baseUrl: `${server.url}/v5`,
    options,
    authorize(authorizationUrl) {
      const c = consent(state, new URL(authorizationUrl).searchParams);
      if ('error' in c) throw new Error(`Pinterest consent screen refused: ${c.error}`);
      return { code: c.code, state: c.state };
    },
    setMetrics: (pinId, metrics) => void state.metrics.set(pinId, metrics),
    files,
    media: () => [...state.media.values()],
    tokenRequests: state.tokenRequests,
    faultListing: (...faults) => void state.listFaults.push(...faults),
    faultAnalytics: (...faults) => void state.analyticsFaults.push(...faults),
  };
  return Object.assign(server, helpers);
}

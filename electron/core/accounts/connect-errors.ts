/**
 * What a failed connect says (connect.ts): each failure as a typed error whose message says what
 * the creator can do, the platform's own words kept in `details`.
 */
import { AppError } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { HttpFetch } from '../deps';
import { request, type NetworkFailure } from '../platforms/common/http';
import { PlatformError } from '../platforms/types';
import { LoopbackError } from './oauth-loopback';

/** Where each password platform makes app passwords, for the bad_credentials message. */
const APP_PASSWORD_HELP: Partial<Record<Platform, string>> = {
  bluesky: 'create one in Bluesky under Settings → Privacy and security → App passwords (https://bsky.app/settings/app-passwords)',
};

export const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * The connector's fetch, watched. Connectors phrase a network failure in their own sentence;
 * this records what really happened (sorted by common/http, as every client's calls are) so
 * the failure can be named by its kind.
 */
export function watched(http: HttpFetch): { http: HttpFetch; failure(): { host: string; kind: NetworkFailure['kind'] } | null } {
  let failed: { host: string; kind: NetworkFailure['kind'] } | null = null;
  const wrapped = (async (input: Parameters<HttpFetch>[0], init?: Parameters<HttpFetch>[1]) => {
    try {
      return await http(input, init);
    } catch (err) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const sorted = await request({ http: (() => Promise.reject(err)) as HttpFetch }, url);
      failed = { host: hostOf(url), kind: sorted.ok ? 'other' : sorted.failure.kind };
      throw err;
    }
  }) as HttpFetch;
  return { http: wrapped, failure: () => failed };
}

/**
 * A sign-in that ended while the data folder is being moved: nothing is saved (not the keychain
 * either). The move ends in a restart on the copy, which a connection saved now would not be in,
 * so the creator connects again then; a stopped move lets them do so at once. `reconnecting`:
 * the account was connected already and keeps the sign-in it had.
 */
export const movingRefusal = (platform: Platform, reconnecting = false): AppError =>
  new AppError(
    'conflict',
    reconnecting
      ? `Loomcast is moving its data folder, so your new ${PLATFORM_NAMES[platform]} sign-in was not saved; the account keeps the one it had. Sign in again once the move is done.`
      : `Loomcast is moving its data folder, so your ${PLATFORM_NAMES[platform]} account was not connected. Connect the account again once the move is done.`,
  );

/** The database refused the write because the move froze it between the check and the save. */
export const frozenUnderfoot = (err: unknown): boolean => (err as { code?: unknown })?.code === 'SQLITE_READONLY';

/** Which step failed: signing in with a password, registering on an instance, or the OAuth exchange. */
export type Step = 'sign_in' | 'register' | 'exchange';

/**
 * A failure of connecting, as a typed error whose message says what the creator can do. The
 * platform's own words go to `details`.
 */
export function typedError(platform: Platform, step: Step, err: unknown, net: { host: string; kind: NetworkFailure['kind'] } | null, baseUrl: string): AppError {
  if (err instanceof AppError) return err;
  const name = PLATFORM_NAMES[platform];
  const said = err instanceof Error ? err.message : String(err);
  const status = err instanceof PlatformError ? err.status : undefined;
  const details = err instanceof PlatformError && err.details ? `${said}\n${err.details}` : said;
  if (net && status === undefined) {
    return new AppError('unreachable', `Loomcast could not reach ${net.host}. Check the address and your connection.`, { details });
  }
  if (step === 'sign_in' && status === 401) {
    const help = APP_PASSWORD_HELP[platform] ?? `create one in your ${name} settings`;
    return new AppError('bad_credentials', `${name} did not accept that handle and app password. Check the handle and app password; ${help}.`, { details });
  }
  if (step === 'register' && status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return new AppError('rejected_by_platform', `${hostOf(baseUrl)} would not register Loomcast as an app (${said.replace(/\.$/, '')}). Check the server address; some servers close app registration.`, { details });
  }
  if (step === 'exchange' && status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return new AppError(
      'rejected_by_platform',
      `${name} refused Loomcast's sign-in with your developer app. Check its client ID, client secret and redirect URL in Settings → Developer apps, and that ${name} approved the app for the permissions Loomcast asks for.`,
      { details },
    );
  }
  // The platform answered something else Loomcast cannot use (no Pages, a server error, a limit): its own words say what.
  return new AppError('conflict', said, err instanceof PlatformError && err.details ? { details: err.details } : {});
}

/** Why the sign-in in the browser ended without a code. */
export function signInEnded(platform: Platform, how: 'cancelled' | 'timed_out' | null, err: unknown, timeoutMs: number): AppError {
  const name = PLATFORM_NAMES[platform];
  if (how === 'cancelled') return new AppError('cancelled', `Signing in to ${name} was cancelled, so nothing was connected.`);
  if (how === 'timed_out') {
    return new AppError('timed_out', `Nobody finished signing in to ${name} within ${Math.round(timeoutMs / 60_000)} minutes, so nothing was connected. Connect again when you are ready.`);
  }
  const said = err instanceof Error ? err.message : String(err);
  // The creator said no on the platform's page; any other error the platform sent back (or no code) is a refusal.
  if (err instanceof LoopbackError && err.code === 'access_denied') {
    return new AppError('cancelled', `You declined Loomcast's request on ${name}, so nothing was connected. Connect again and approve it to post from Loomcast.`);
  }
  return new AppError(
    'rejected_by_platform',
    `${name} did not let Loomcast sign in with your developer app. Check its client ID and redirect URL in Settings → Developer apps, and that ${name} approved the app for the permissions Loomcast asks for.`,
    { details: said },
  );
}

/**
 * Test helpers around the Mastodon fake: connect an account through the real connector (app
 * registration → consent → code exchange with PKCE), build contexts, media and requests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { systemClock, type Clock, type Logger } from '../../../electron/core/deps';
import { mastodonConnector, registerMastodonApp } from '../../../electron/core/platforms/mastodon';
import type { ClientContext, ConnectResult, Credentials, MediaItem, PublishRequest } from '../../../electron/core/platforms/types';
import type { StartedMastodonFake } from './index';

export const quietLog: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The whole connect flow: register the app on the instance, consent (the fake issues a code), exchange. */
export async function connectMastodon(fake: StartedMastodonFake, opts: { clock?: Clock; username?: string; redirectUri?: string } = {}): Promise<ConnectResult> {
  const redirectUri = opts.redirectUri ?? REDIRECT_URI;
  const app = await registerMastodonApp({ http: fetch }, { instanceUrl: fake.url, redirectUri, clientName: 'Loomcast', website: 'https://loomcast.app' });
  const { verifier, challenge } = pkce();
  const code = fake.authorize({
    clientId: app.clientId,
    redirectUri,
    scope: mastodonConnector.defaultScopes.join(' '),
    codeChallenge: challenge,
    ...(opts.username ? { username: opts.username } : {}),
  });
  return mastodonConnector.exchange({ http: fetch, clock: opts.clock ?? systemClock, baseUrl: fake.url }, { code, codeVerifier: verifier, redirectUri, ...app });
}

export function contextFor(
  fake: StartedMastodonFake,
  connected: ConnectResult,
  extra: { credentials?: Credentials; signal?: AbortSignal; clock?: Clock; baseUrl?: string } = {},
): ClientContext {
  return {
    http: fetch,
    clock: extra.clock ?? systemClock,
    log: quietLog,
    account: { id: 'acc-mastodon', platform: 'mastodon', handle: connected.profile.handle, baseUrl: extra.baseUrl ?? fake.url, platformUserId: connected.profile.platformUserId },
    credentials: extra.credentials ?? connected.credentials,
    ...(extra.signal ? { signal: extra.signal } : {}),
  };
}

/** A 1×1 grey PNG. */
export const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

export function mediaItem(mime: string, altText: string | null, bytes: Uint8Array = PNG): MediaItem {
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    mime,
    bytes: bytes.byteLength,
    altText,
    read: async () => bytes,
    publicUrl: async () => {
      throw new Error('Mastodon takes uploaded bytes, not URLs');
    },
  };
}

let n = 0;
export function request(text: string, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { idempotencyKey: `target-${++n}-${randomBytes(4).toString('hex')}`, text, media: [], attemptStartedAt: Date.now(), ...extra };
}

/** Test helpers around the X fake: connect an account through the real connector, build contexts and media. */
import { createHash, randomBytes } from 'node:crypto';
import { systemClock, type Clock, type Logger } from '../../../electron/core/deps';
import { xConnector } from '../../../electron/core/platforms/x';
import type { ClientContext, ConnectResult, Credentials, MediaItem, PublishRequest } from '../../../electron/core/platforms/types';
import type { XFake } from './index';

export const quietLog: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Runs the whole connect flow: authorization URL → consent (the fake issues a code) → exchange. */
export async function connectX(fake: XFake, opts: { clientSecret?: string; scopes?: string[]; clock?: Clock } = {}): Promise<ConnectResult> {
  const { verifier, challenge } = pkce();
  const redirectUri = fake.client.redirectUris[0]!;
  const url = xConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.client.clientId, redirectUri, state: 'st-1', codeChallenge: challenge, scopes: opts.scopes ?? xConnector.defaultScopes });
  const { code } = fake.authorize(url);
  return xConnector.exchange(
    { http: fetch, clock: opts.clock ?? systemClock, baseUrl: fake.url },
    { code, codeVerifier: verifier, redirectUri, clientId: fake.client.clientId, ...(opts.clientSecret ? { clientSecret: opts.clientSecret } : {}) },
  );
}

export function contextFor(fake: XFake, connected: ConnectResult, credentials: Credentials = connected.credentials, signal?: AbortSignal): ClientContext {
  return {
    http: fetch,
    clock: systemClock,
    log: quietLog,
    account: { id: 'acc-x', platform: 'x', handle: connected.profile.handle, baseUrl: fake.url, platformUserId: connected.profile.platformUserId },
    credentials,
    ...(signal ? { signal } : {}),
  };
}

export function mediaItem(mime: string, bytes: Uint8Array, altText: string | null = null): MediaItem {
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    mime,
    bytes: bytes.byteLength,
    altText,
    read: async () => bytes,
    publicUrl: async () => {
      throw new Error('X takes uploaded bytes, not URLs');
    },
  };
}

let n = 0;
export function request(text: string, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { idempotencyKey: `target-${++n}`, text, media: [], attemptStartedAt: Date.now(), ...extra };
}

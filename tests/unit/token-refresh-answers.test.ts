/**
 * What a token endpoint's answer says about the sign-in: only the platform's refusal of the
 * grant means "reconnect"; a rate limit, a server error or a 2xx without a token (a proxy's or
 * captive portal's page) throws, so the account keeps its status and the refresh is tried again.
 */
import { describe, expect, it } from 'vitest';
import { refreshTikTok } from '../../electron/core/platforms/tiktok/connector';
import { refreshYouTube } from '../../electron/core/platforms/youtube/connector';
import { PlatformError, type ClientContext } from '../../electron/core/platforms/types';

const answering = (platform: 'youtube' | 'tiktok', status: number, body: unknown): ClientContext => ({
  http: (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as ClientContext['http'],
  clock: { now: () => 1_000_000, setTimer: () => () => {} },
  log: { log() {}, debug() {}, info() {}, warn() {}, error() {} },
  credentials: { accessToken: 'access-old', refreshToken: 'refresh-secret', clientId: 'client', clientSecret: 'app-secret' },
  account: { id: 'acc', platform, handle: 'me', baseUrl: 'http://127.0.0.1:9', platformUserId: null },
});

const refreshers = { youtube: refreshYouTube, tiktok: refreshTikTok };

describe('refreshing a sign-in the platform could not answer for', () => {
  it.each([
    ['youtube', 429, { error: 'rate_limit_exceeded', error_description: 'Too many requests' }],
    ['youtube', 200, '<html>Sign in to the Wi-Fi</html>'],
    ['youtube', 200, { access_token: 42, refresh_token: 'leaked-refresh' }],
    ['tiktok', 429, { error: 'rate_limit_exceeded', error_description: 'Too many requests' }],
    ['tiktok', 200, '<html>Sign in to the Wi-Fi</html>'],
    ['tiktok', 200, { access_token: 42, refresh_token: 'leaked-refresh' }],
  ] as const)('%s answering %i throws instead of asking for a reconnect', async (platform, status, body) => {
    const err = await refreshers[platform](answering(platform, status, body)).then(
      (r) => r,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PlatformError);
    // A 2xx body may carry tokens: none is quoted.
    expect(`${(err as PlatformError).message} ${(err as PlatformError).details ?? ''}`).not.toMatch(/leaked-refresh|refresh-secret|app-secret/);
  });

  it.each([
    ['youtube', 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }],
    ['tiktok', 400, { error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.' }],
    ['tiktok', 200, { error: 'invalid_grant', error_description: 'TikTok answers some OAuth errors with 200.' }],
  ] as const)('%s refusing the grant (%i) still asks for a reconnect', async (platform, status, body) => {
    expect(await refreshers[platform](answering(platform, status, body))).toMatchObject({ ok: false, reason: expect.stringMatching(/reconnect/i) });
  });
});

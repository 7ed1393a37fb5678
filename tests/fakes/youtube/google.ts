/** Google's answer shapes for the fake. */
import type { IssuedToken, Reply } from '../common/fake-server';

const STATUS_TEXT: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

export function googleError(status: number, reason: string, message: string, extra: Record<string, string> = {}): Reply {
  const domain = reason === 'quotaExceeded' ? 'youtube.quota' : reason === 'authError' || reason === 'backendError' ? 'global' : 'youtube.video';
  return { status, body: { error: { code: status, message, errors: [{ message, domain, reason, ...extra }], status: STATUS_TEXT[status] ?? 'UNKNOWN' } } };
}

export const isToken = (x: IssuedToken | Reply): x is IssuedToken => typeof x === 'object' && 'subject' in x;

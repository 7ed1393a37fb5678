import { describe, expect, it } from 'vitest';
import { ALERT_RULES } from '../../shared/contract/features/alerts';
import { notificationRoute } from '../../electron/main/notification-route';

describe('a click on a notification opens what it is about', () => {
  it('a post opens in the composer, an account on Accounts, whatever the kind', () => {
    expect(notificationRoute({ kind: 'post_failed', subject: { kind: 'post', id: 'p/1' } })).toBe('/compose/p%2F1');
    expect(notificationRoute({ kind: 'zero_views', subject: { kind: 'post', id: 'abc' } })).toBe('/compose/abc');
    expect(notificationRoute({ kind: 'token_expiring', subject: { kind: 'account', id: 'a1' } })).toBe('/accounts');
  });

  it.each([
    ['backlog', '/review'],
    ['low_engagement', '/campaigns'],
    ['failure_rate', '/calendar'],
    ['account_needs_reconnect', '/accounts'],
    ['still_running', null],
  ] as const)('%s without a subject opens %s', (kind, route) => {
    expect(notificationRoute({ kind })).toBe(route);
  });

  it('every alert rule with a post subject lands on that post', () => {
    for (const kind of ALERT_RULES) expect(notificationRoute({ kind, subject: { kind: 'post', id: 'x' } })).toBe('/compose/x');
  });
});

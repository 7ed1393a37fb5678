import { describe, expect, it } from 'vitest';
import { undoInputFor } from '../../shared/contract/features/undo';

const copy = (id: string, state: string, scheduledAt: string | null = null, lastError: string | null = null) => ({ id, state, scheduledAt, zone: scheduledAt ? 'Europe/Berlin' : null, lastError });
const AT = '2026-12-08T08:00:00.000Z';

describe('undoInputFor', () => {
  it('pairs every copy as the action left it with how it was before', () => {
    const before = { id: 'p1', targets: [copy('t1', 'in_review', AT), copy('t2', 'draft')] };
    const after = { targets: [copy('t1', 'scheduled', AT), copy('t2', 'draft')] };
    expect(undoInputFor(before, after)).toEqual({
      id: 'p1',
      targets: [
        { id: 't1', now: { state: 'scheduled', scheduledAt: AT }, before: { state: 'in_review', scheduledAt: AT, zone: 'Europe/Berlin', lastError: null } },
        { id: 't2', now: { state: 'draft', scheduledAt: null }, before: { state: 'draft', scheduledAt: null, zone: null, lastError: null } },
      ],
    });
  });

  it('offers nothing when a copy was scheduled before (a move is undone by moving back) or the copies differ', () => {
    expect(undoInputFor({ id: 'p', targets: [copy('t1', 'scheduled', AT)] }, { targets: [copy('t1', 'scheduled', AT)] })).toBeNull();
    expect(undoInputFor({ id: 'p', targets: [copy('t1', 'draft'), copy('t2', 'draft')] }, { targets: [copy('t1', 'scheduled', AT)] })).toBeNull();
    expect(undoInputFor({ id: 'p', targets: [copy('t1', 'draft')] }, { targets: [copy('t9', 'scheduled', AT)] })).toBeNull();
  });
});

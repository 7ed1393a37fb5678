import { describe, expect, it } from 'vitest';
import { createThumbLoader } from '../../renderer/src/features/calendar/thumb-loader';

/** A load that waits until the test lets each hash through. */
function heldLoads() {
  const calls: string[] = [];
  const waiting = new Map<string, { ok: (url: string) => void; fail: (e: Error) => void }>();
  const load = (hash: string) =>
    new Promise<string>((ok, fail) => {
      calls.push(hash);
      waiting.set(hash, { ok, fail });
    });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { calls, load, waiting, settle };
}

describe('calendar thumbnails: each hash once, a few at a time, only while wanted', () => {
  it('runs at most the set number of loads at once, and the next as one finishes', async () => {
    const h = heldLoads();
    const thumbs = createThumbLoader(h.load, 2);
    for (let i = 0; i < 6; i++) thumbs.want(`h${i}`, () => undefined);
    expect(h.calls).toEqual(['h0', 'h1']);
    expect(thumbs.stats()).toEqual({ active: 2, queued: 4, loaded: 0 });
    h.waiting.get('h0')!.ok('url0');
    await h.settle();
    expect(h.calls).toEqual(['h0', 'h1', 'h2']);
    expect(thumbs.get('h0')).toEqual({ status: 'ready', url: 'url0' });
  });

  it('loads a hash shown by many chips once, and tells each of them', async () => {
    const h = heldLoads();
    const thumbs = createThumbLoader(h.load, 4);
    const heard: string[] = [];
    thumbs.want('same', () => heard.push('a'));
    thumbs.want('same', () => heard.push('b'));
    h.waiting.get('same')!.ok('u');
    await h.settle();
    expect(h.calls).toEqual(['same']);
    expect(heard.sort()).toEqual(['a', 'b']);
    // Known now: a later chip gets it without a request.
    thumbs.want('same', () => undefined);
    expect(h.calls).toEqual(['same']);
  });

  it('drops a request withdrawn before it started (a chip scrolled away, a month left)', async () => {
    const h = heldLoads();
    const thumbs = createThumbLoader(h.load, 1);
    thumbs.want('first', () => undefined);
    const withdraw = thumbs.want('gone', () => undefined);
    thumbs.want('kept', () => undefined);
    withdraw();
    h.waiting.get('first')!.ok('u');
    await h.settle();
    expect(h.calls).toEqual(['first', 'kept']);
  });

  it('marks a failed load, and does not retry it on every draw', async () => {
    const h = heldLoads();
    const thumbs = createThumbLoader(h.load, 1);
    thumbs.want('bad', () => undefined);
    h.waiting.get('bad')!.fail(new Error('not_found'));
    await h.settle();
    expect(thumbs.get('bad')).toEqual({ status: 'failed' });
    thumbs.want('bad', () => undefined);
    expect(h.calls).toEqual(['bad']);
  });
});

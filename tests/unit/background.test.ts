/**
 * The registry of background work (electron/core/background.ts): publishing pauses first and
 * resumes last, a pause that fails leaves nothing paused, and a loop registered through a gate
 * (the numbers-at-an-age backfill) does no batch while paused and finishes its work after.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createBackground, startStopWorker } from '../../electron/core/background';
import { workOutAtAgeInBackground } from '../../electron/core/analytics/at-age-backfill';

const quiet = { info() {}, error() {}, warn() {} };
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('background work', () => {
  it('pauses publishing first (waiting for it), the rest after; resumes the rest first, publishing last, once', async () => {
    const bg = createBackground(quiet);
    const seen: string[] = [];
    const worker = (name: string) => ({
      async pause() {
        seen.push(`pause ${name}`);
        await turns(1);
        seen.push(`paused ${name}`);
      },
      resume: () => void seen.push(`resume ${name}`),
    });
    bg.register('alerts', worker('alerts'));
    bg.register('publishing', worker('publishing'), { first: true });
    bg.register('numbers', worker('numbers'), { first: true });
    const resume = await bg.pauseAll();
    expect(bg.isPaused()).toBe(true);
    expect(seen).toEqual(['pause publishing', 'paused publishing', 'pause numbers', 'paused numbers', 'pause alerts', 'paused alerts']);
    seen.length = 0;
    resume();
    resume();
    expect(seen).toEqual(['resume alerts', 'resume numbers', 'resume publishing']);
    expect(bg.isPaused()).toBe(false);
  });

  it('a worker that cannot pause has the others resumed and the failure thrown', async () => {
    const bg = createBackground(quiet);
    let running = true;
    bg.register('publishing', startStopWorker('publishing', { start: () => void (running = true), stop: async () => void (running = false), isRunning: () => running }, quiet), { first: true });
    bg.register('broken', { pause: () => Promise.reject(new Error('disk gone')), resume() {} });
    await expect(bg.pauseAll()).rejects.toThrow('disk gone');
    expect(running).toBe(true);
    expect(bg.isPaused()).toBe(false);
  });

  it('a stopped worker stays stopped after the pause; a started one starts again', async () => {
    const bg = createBackground(quiet);
    const starts: string[] = [];
    bg.register('on', startStopWorker('on', { start: () => void starts.push('on'), stop: async () => {}, isRunning: () => true }, quiet));
    bg.register('off', startStopWorker('off', { start: () => void starts.push('off'), stop: async () => {}, isRunning: () => false }, quiet));
    (await bg.pauseAll())();
    expect(starts).toEqual(['on']);
  });

  it('the numbers-at-an-age backfill does no batch while paused, and all of them after; quitting ends its wait', async () => {
    const db = new Database(':memory:');
    const bg = createBackground(quiet);
    let left = 40;
    let batches = 0;
    const rollups = {
      workOutAtAge: () => {
        batches++;
        const n = Math.min(left, 4);
        left -= n;
        return n;
      },
    };
    const done = workOutAtAgeInBackground({ db, rollups, log: quiet, background: bg });
    await turns(3);
    const resume = await bg.pauseAll();
    const before = batches;
    expect(left).toBeGreaterThan(0);
    await turns(10);
    expect(batches).toBe(before);
    resume();
    expect(await done).toBe(40);
    expect(left).toBe(0);
    // Done: nothing of it is left to pause.
    expect(bg.names()).toEqual([]);

    // Paused, then the core closes: the loop's wait ends with the signal.
    left = 8;
    const stop = new AbortController();
    const again = workOutAtAgeInBackground({ db, rollups, log: quiet, background: bg, signal: stop.signal });
    await bg.pauseAll();
    await turns(3);
    stop.abort();
    expect(await again).toBe(0);
    db.close();
  });
});

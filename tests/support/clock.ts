import type { Clock } from '../../electron/core/deps';

/** A clock tests move by hand: `advance(ms)` fires every timer that falls due, in order. */
export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(private t: number = Date.UTC(2026, 10, 23, 9, 0)) {}

  now(): number {
    return this.t;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  }

  advance(ms: number): void {
    const until = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = until;
  }

  /**
   * The machine sleeps: the wall clock moves on, but timers count the machine's awake time (as
   * Node's do), so none fires during the sleep and each still has as long to go after it.
   */
  sleep(ms: number): void {
    this.t += ms;
    for (const timer of this.timers) timer.at += ms;
  }

  /** The wall clock jumps (NTP, manual change, sleep) without timers firing on the way. */
  jump(ms: number): void {
    this.t += ms;
  }
}

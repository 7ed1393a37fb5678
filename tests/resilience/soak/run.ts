/**
 * A busy creator's month, simulated on the core's fake clock: posts made through the day for
 * the next hours or days (some threads, some with a first comment), edits and cancellations of
 * posts not yet due, restarts of the core, one sleep of the machine, and faults on the fakes.
 * Returns what happened; soak.test.ts checks it.
 */
import type { PostDto } from '../../../shared/contract';
import { PLATFORM_CLIENTS } from '../../../electron/core/platforms/registry';
import { call, createTestCore, memoryVault, type TestCore } from '../../support/core';
import { FakeClock } from '../../support/clock';
import { prng, type Prng } from '../support/prng';
import { ramDir } from '../support/ram-dir';
import { startWorld, SOAK_PLATFORMS, type SoakPlatform, type World } from './world';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TICK = 10 * MIN;
const REQUEST_TIMEOUT = 30_000;

export interface SoakOptions {
  seed: number;
  days: number;
  postsPerDay: [number, number];
  faultRate: number;
  /** A core restart every this many days (at a random hour). */
  restartEveryDays: number;
}

export interface PlannedPost {
  id: string;
  text: string;
  /** Texts it had before an edit: never to be seen on a platform. */
  oldTexts: string[];
  thread: string[];
  firstComment: string | null;
  platforms: SoakPlatform[];
  cancelled: 'deleted' | 'unscheduled' | null;
}

export interface SoakResult {
  t: TestCore;
  world: World;
  posts: PlannedPost[];
  /** heapUsed after a full GC at the end of each day (null without --expose-gc). */
  heap: (number | null)[];
  restarts: number;
  sleptMs: number;
  edits: number;
  dataDir: string;
  cleanup(): Promise<void>;
}

const WORDS = 'launch notes river lantern pixel harbor orbit maple quartz velvet ember canyon signal meadow copper falcon prism tide cedar comet glacier saffron tundra willow atlas beacon cobalt delta fjord garnet helix indigo jasper kelp lumen mosaic nectar onyx'.split(' ');
let serial = 0;
const sentence = (rnd: Prng, tag: string) => `${tag} #${++serial}: ${Array.from({ length: 9 }, () => rnd.pick(WORDS)).join(' ')}.`;
const scheduleAt = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), zone: 'UTC' };
};
const gc = (globalThis as { gc?: () => void }).gc;

/** Wakes the scheduler and waits until every lane ended; a request the fake holds open is let time out on the fake clock. */
async function settle(t: TestCore, world: World): Promise<void> {
  let finished = false;
  let advancedAt = -Infinity;
  const done = t.core.services.scheduler.wake().then(() => (finished = true));
  for (let polls = 0; !finished; polls++) {
    // Waiting for the loopback fakes' answers, not for time to pass: time is the fake clock's.
    await Promise.race([done, new Promise((r) => (polls < 50 ? setImmediate(r) : setTimeout(r, 2)))]);
    if (finished) break;
    // One timeout's worth of time per held request, then time to let the abort land, and only
    // once every request the core sent is answered or held. With one still on the wire (a few
    // real milliseconds on a loaded machine) the jump aborted it and the fake handled it later,
    // at a fake time up to hours on, past Mastodon's hour of dedupe: a false double (seed
    // 1070156366: sends at 09:11 and 09:21 reached the fake at 09:32 and 11:02). A real request
    // does not reach the platform hours after its client gave up.
    if (world.hanging() > 0 && world.unanswered() === world.hanging() && polls - advancedAt > 100) {
      t.clock.advance(REQUEST_TIMEOUT + 2_000);
      advancedAt = polls;
    }
    if (polls > 10_000) throw new Error('the scheduler did not settle (stalled for 10,000 polls)');
  }
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const rnd = prng(o.seed);
  const clock = new FakeClock(Math.floor(Date.now() / HOUR) * HOUR);
  // The month's tens of thousands of fsyncs would measure the disk, not the app.
  const dir = ramDir('loomcast-soak-');
  const world = await startWorld(clock, rnd);
  const vault = memoryVault();
  const clients = { x: PLATFORM_CLIENTS.x, mastodon: PLATFORM_CLIENTS.mastodon, facebook: PLATFORM_CLIENTS.facebook };
  let t = await createTestCore({
    dataDir: dir.path,
    clock,
    vault,
    clients,
    http: world.http,
    platformBaseUrls: world.baseUrls,
    publishing: { autoStart: true, requestTimeoutMs: REQUEST_TIMEOUT, random: () => rnd.next() },
  });
  for (const a of world.accounts) {
    await t.core.services.accounts.add({ platform: a.platform, handle: a.connected.profile.handle, platformUserId: a.connected.profile.platformUserId, serverUrl: a.serverUrl, credentials: a.connected.credentials });
  }
  // Faults start once the accounts are connected: connecting is not what this test is about.
  world.setFaultRate(o.faultRate);

  const posts: PlannedPost[] = [];
  const heap: (number | null)[] = [];
  let restarts = 0;
  let sleptMs = 0;
  let edits = 0;
  const sleepDay = rnd.int(1, Math.max(1, o.days - 2));
  const start = clock.now();
  // The creator works until `days`; then three quiet days let every retry and check finish.
  for (let day = 0; day < o.days + 3; day++) {
    const dayStart = start + day * DAY;
    const actions: { at: number; run: () => Promise<void> }[] = [];
    if (day < o.days) {
      const count = rnd.int(o.postsPerDay[0], o.postsPerDay[1]);
      for (let i = 0; i < count; i++) actions.push({ at: dayStart + rnd.int(0, DAY - HOUR), run: () => createPost(t, rnd, posts) });
      for (let i = rnd.int(1, 3); i > 0; i--) actions.push({ at: dayStart + rnd.int(0, DAY - HOUR), run: async () => void ((await editPost(t, rnd, posts)) && edits++) });
      if (rnd.chance(0.7)) actions.push({ at: dayStart + rnd.int(0, DAY - HOUR), run: () => cancelPost(t, rnd, posts) });
      if (day % o.restartEveryDays === o.restartEveryDays - 1) {
        actions.push({
          at: dayStart + rnd.int(0, DAY - HOUR),
          run: async () => {
            t = await t.restart();
            restarts++;
          },
        });
      }
      if (day === sleepDay) {
        actions.push({
          at: dayStart + rnd.int(0, DAY - 12 * HOUR),
          run: async () => {
            const ms = rnd.int(3, 9) * HOUR;
            clock.sleep(ms);
            sleptMs += ms;
            t.core.resume();
          },
        });
      }
    }
    actions.sort((a, b) => a.at - b.at);
    for (let now = clock.now(); now < dayStart + DAY; now = clock.now()) {
      while (actions.length > 0 && actions[0]!.at <= now) {
        await actions.shift()!.run();
        await settle(t, world);
      }
      clock.advance(Math.min(TICK, dayStart + DAY - now));
      await settle(t, world);
    }
    if (process.env.LOOMCAST_SOAK_DEBUG) console.log(`day ${day}: ${Math.round(performance.now())} ms, ${posts.length} posts, requests ${JSON.stringify(Object.fromEntries(Object.entries(world.fakes).map(([k, f]) => [k, f.requests.length])))}`);
    if (gc) {
      gc();
      heap.push(process.memoryUsage().heapUsed);
    } else heap.push(null);
  }
  return {
    t,
    world,
    posts,
    heap,
    restarts,
    sleptMs,
    edits,
    dataDir: dir.path,
    async cleanup() {
      await t.close();
      await world.stop();
      dir.remove();
    },
  };
}

/** Posts not yet due for at least an hour: safe to edit or cancel without racing the scheduler. */
function editable(t: TestCore, posts: PlannedPost[], rows: Map<string, PostDto>): PlannedPost[] {
  return posts.filter((p) => {
    const dto = rows.get(p.id);
    return p.cancelled === null && dto !== undefined && dto.targets.every((x) => x.state === 'scheduled' && x.scheduledAt !== null && Date.parse(x.scheduledAt) > t.clock.now() + HOUR);
  });
}

async function upcoming(t: TestCore): Promise<Map<string, PostDto>> {
  return new Map((await call<PostDto[]>(t.core, 'posts:list', { scope: 'upcoming' })).map((p) => [p.id, p]));
}

async function createPost(t: TestCore, rnd: Prng, posts: PlannedPost[]): Promise<void> {
  const kind = rnd.next();
  // Threads go where threads exist (X, Mastodon); a first comment where comments exist (all three).
  const thread = kind < 0.2 ? Array.from({ length: rnd.int(1, 2) }, () => sentence(rnd, 'Thread part')) : [];
  const firstComment = kind >= 0.2 && kind < 0.35 ? sentence(rnd, 'First comment') : null;
  const platforms = rnd.some(thread.length > 0 ? (['x', 'mastodon'] as const) : SOAK_PLATFORMS);
  const text = sentence(rnd, 'Soak post');
  const dueAt = t.clock.now() + rnd.int(10, 3 * 24 * 60) * MIN;
  const post = await call<PostDto>(t.core, 'posts:create', { text, platforms, schedule: scheduleAt(dueAt), thread, firstComment });
  posts.push({ id: post.id, text, oldTexts: [], thread, firstComment, platforms: [...platforms], cancelled: null });
}

async function editPost(t: TestCore, rnd: Prng, posts: PlannedPost[]): Promise<boolean> {
  const candidates = editable(t, posts, await upcoming(t));
  if (candidates.length === 0) return false;
  const p = rnd.pick(candidates);
  const text = sentence(rnd, 'Edited post');
  const move = rnd.chance(0.5) ? { schedule: scheduleAt(t.clock.now() + rnd.int(2 * 60, 2 * 24 * 60) * MIN) } : {};
  await call(t.core, 'posts:update', { id: p.id, text, ...move });
  p.oldTexts.push(p.text);
  p.text = text;
  return true;
}

async function cancelPost(t: TestCore, rnd: Prng, posts: PlannedPost[]): Promise<void> {
  const candidates = editable(t, posts, await upcoming(t));
  if (candidates.length === 0) return;
  const p = rnd.pick(candidates);
  if (rnd.chance(0.5)) {
    await call(t.core, 'posts:delete', { id: p.id });
    p.cancelled = 'deleted';
  } else {
    await call(t.core, 'posts:update', { id: p.id, schedule: null });
    p.cancelled = 'unscheduled';
  }
}

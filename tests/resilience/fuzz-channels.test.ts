/**
 * Every contract channel, fed random and schema-shaped-then-broken inputs through the
 * browser-mode host's RPC (POST /rpc/<channel>). Properties, per call: never a 500, an error
 * is a typed body (a known code and a message; invalid input names what is wrong), no call
 * takes over 5 s. After the whole run: SQLite's integrity check passes, the host logged no
 * failed request, and the posts and ideas made before the fuzz are unchanged, row for row.
 *
 * Short and seeded in CI (LOOMCAST_FUZZ_RUNS runs per channel, 5 by default; LOOMCAST_FUZZ_SEED
 * to replay). A failure prints the seed and the smallest input found.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, ERROR_CODES, HTTP_STATUS } from '../../shared/contract';
import { call } from '../support/core';
import { inputsFor } from './fuzz/arbitraries';
import { integrityCheck, rowsOf, startFuzzHost, TOKEN, type FuzzHost } from './fuzz/harness';

const RUNS = Number(process.env.LOOMCAST_FUZZ_RUNS ?? 5);
const SEED = Number(process.env.LOOMCAST_FUZZ_SEED ?? 20_261_204);
const STALL_MS = 5_000;

/**
 * Channels whose valid inputs do something that makes no sense under a fuzz; they still get
 * every malformed input (which must be refused before anything runs):
 * - accounts:connect starts a sign-in: a loopback listener and a browser tab waiting for a person;
 * - workspace:replace swaps the whole workspace for an archive read from a path on this machine,
 *   and backups:restore swaps the database for a backup: both replace the pre-fuzz data by design.
 * Everything else runs for real, with the network refused (refusingHttp), so channels that would
 * reach a platform, an AI provider, a bucket, a webhook or a link answer with their typed
 * "unreachable" instead of leaving the machine.
 */
const NO_VALID_INPUT = new Set<string>(['accounts:connect', 'workspace:replace', 'backups:restore']);

let f: FuzzHost;
let seeded: { posts: string[]; ideas: string[] };
let before: unknown;

beforeAll(async () => {
  f = await startFuzzHost();
  const core = f.t.core;
  const tomorrow = new Date(f.t.clock.now() + 36 * 3600_000).toISOString().slice(0, 10);
  const draft = await call<{ id: string }>(core, 'posts:create', { text: 'A draft made before the fuzz ✍️', platforms: ['x', 'mastodon'], schedule: null });
  const scheduled = await call<{ id: string }>(core, 'posts:create', { text: 'Scheduled before the fuzz', platforms: ['bluesky'], schedule: { date: tomorrow, time: '10:30' }, thread: ['and a second part'] });
  await call(core, 'posts:update', { id: draft.id, text: 'A draft made before the fuzz, edited' });
  const idea = await call<{ id: string }>(core, 'ideas:capture', { text: 'An idea made before the fuzz', link: 'https://example.com/a', tags: ['seed'] });
  seeded = { posts: [draft.id, scheduled.id], ideas: [idea.id] };
  before = rowsOf(f.t.dataDir, seeded);
});

afterAll(async () => {
  await f?.close();
});

interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

async function post(channel: string, input: unknown): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${f.base}/rpc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
    signal: AbortSignal.timeout(STALL_MS),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Checked below: every answer of the RPC is JSON.
  }
  return { status: res.status, body, ms };
}

/** What every answer must be, whatever the input. */
function check(channel: string, a: Answer): void {
  expect(a.ms, `${channel} took ${Math.round(a.ms)} ms`).toBeLessThan(STALL_MS);
  expect(a.status, `${channel} answered 500: ${JSON.stringify(a.body).slice(0, 400)}`).not.toBe(500);
  expect(typeof a.body === 'object' || a.body === null, `${channel} answered something that is not JSON`).toBe(true);
  if (a.status < 400) return;
  const error = (a.body as { error?: { code?: unknown; message?: unknown; issues?: unknown } }).error;
  expect(ERROR_CODES).toContain(error?.code);
  expect(HTTP_STATUS[error!.code as keyof typeof HTTP_STATUS]).toBe(a.status);
  expect(typeof error?.message === 'string' && error.message.length > 0).toBe(true);
  expect(error!.message as string, 'an error message is for the creator, not a stack trace').not.toMatch(/\n\s+at /);
  if (error?.code === 'invalid_input' && (error.message as string).startsWith('Invalid input for')) {
    // A refusal by the contract names what is wrong: a path-tagged issue for each problem.
    expect(Array.isArray(error.issues) && error.issues.length > 0, `${channel}: invalid_input without issues`).toBe(true);
  }
}

describe('contract fuzz over the browser host', () => {
  const started = performance.now();
  const cpu = process.cpuUsage();

  it.each(CHANNEL_NAMES.map((c, i) => [c, i] as const))('%s never answers 500, stalls or crashes', async (channel, index) => {
    const def = channels[channel];
    const arb = inputsFor(def.input, { validOk: !NO_VALID_INPUT.has(channel) });
    const seed = SEED + index;
    try {
      await fc.assert(
        fc.asyncProperty(arb, async (input) => {
          const a = await post(channel, input);
          check(channel, a);
          // A channel whose valid inputs are off limits must have refused this one before running.
          if (NO_VALID_INPUT.has(channel)) expect(a.status).toBe(400);
        }),
        { numRuns: RUNS, seed, endOnFailure: true },
      );
    } catch (err) {
      console.error(`fuzz: ${channel} failed with seed ${seed} (LOOMCAST_FUZZ_SEED=${SEED}); replay with LOOMCAST_FUZZ_SEED=${SEED} LOOMCAST_FUZZ_RUNS=${RUNS}`);
      throw err;
    }
  });

  it('leaves the host serving, nothing logged as failed, the database sound and the earlier data unchanged', async () => {
    const info = await post('app:info', undefined);
    expect(info.status).toBe(200);
    expect(f.hostErrors).toEqual([]);
    expect(integrityCheck(f.t.dataDir)).toBe('ok');
    expect(rowsOf(f.t.dataDir, seeded)).toEqual(before);
    const used = process.cpuUsage(cpu);
    const cpuMs = Math.round((used.user + used.system) / 1000);
    console.log(`fuzz: ${CHANNEL_NAMES.length} channels × ${RUNS} runs in ${Math.round(performance.now() - started)} ms (${cpuMs} ms of CPU; seed ${SEED})`);
  });
});

/** What the soak promises, checked against the database and what the fakes received. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FakeServer } from '../../fakes/common/fake-server';
import type { SoakResult } from './run';
import type { SoakPlatform } from './world';

interface TargetRow {
  id: string;
  post_id: string;
  platform: SoakPlatform;
  state: string;
  platform_post_id: string | null;
  last_error: string | null;
}
interface PartRow {
  target_id: string;
  position: number;
  kind: 'thread' | 'comment';
  text: string;
  state: string;
  platform_post_id: string | null;
}

export interface SoakReport {
  integrity: string;
  states: Record<string, number>;
  parts: Record<string, number>;
  received: Record<string, number>;
  /** Open alerts by kind at the end. */
  alerts: Record<string, number>;
  problems: string[];
}

export function checkSoak(r: SoakResult): SoakReport {
  const db = new Database(join(r.dataDir, 'loomcast.sqlite'), { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const targets = db.prepare('SELECT id, post_id, platform, state, platform_post_id, last_error FROM targets').all() as TargetRow[];
    const parts = db.prepare('SELECT target_id, position, kind, text, state, platform_post_id FROM target_parts ORDER BY target_id, position').all() as PartRow[];
    const problems: string[] = [];
    const states: Record<string, number> = {};
    const partStates: Record<string, number> = {};
    const on = (platform: SoakPlatform, text: string) => r.world.fakes[platform].posts.filter((p) => p.text === text);
    const known = new Set<string>();

    for (const post of r.posts) {
      const mine = targets.filter((t) => t.post_id === post.id);
      for (const old of post.oldTexts) {
        for (const platform of post.platforms) if (on(platform, old).length > 0) problems.push(`${platform}: the text before an edit went out: ${old}`);
      }
      if (post.cancelled) {
        for (const platform of post.platforms) if (on(platform, post.text).length > 0) problems.push(`${platform}: a cancelled (${post.cancelled}) post went out: ${post.text}`);
        if (post.cancelled === 'unscheduled' && mine.some((t) => t.state !== 'draft')) problems.push(`an unscheduled post has copies that are not drafts: ${post.text}`);
        continue;
      }
      [post.text, ...post.thread, ...(post.firstComment ? [post.firstComment] : [])].forEach((x) => known.add(x));
      if (mine.length !== post.platforms.length) problems.push(`${post.text}: ${mine.length} copies in the database for ${post.platforms.length} platforms`);
      for (const t of mine) {
        states[t.state] = (states[t.state] ?? 0) + 1;
        const seen = on(t.platform, post.text);
        const where = `${t.platform} copy of "${post.text}" (${t.state})`;
        if (t.state === 'published') {
          if (seen.length !== 1) problems.push(`${where}: received ${seen.length} times ${JSON.stringify(seen.map((p) => ({ at: new Date(p.createdAt).toISOString(), key: p.idempotencyKey })))}`);
          else if (seen[0]!.id !== t.platform_post_id) problems.push(`${where}: recorded id ${t.platform_post_id}, the platform has ${seen[0]!.id}`);
        } else if (t.state === 'unconfirmed') {
          if (seen.length > 1) problems.push(`${where}: received ${seen.length} times`);
          if (!t.last_error) problems.push(`${where}: no reason shown`);
        } else if (t.state === 'failed' || t.state === 'missed') {
          if (seen.length > 0) problems.push(`${where}: received ${seen.length} times though it says it did not go out (${t.last_error}; ${JSON.stringify(seen.map((p) => ({ at: new Date(p.createdAt).toISOString(), key: p.idempotencyKey })))})`);
          if (!t.last_error) problems.push(`${where}: no reason shown`);
        } else {
          problems.push(`${where}: still ${t.state} after the quiet days (${t.last_error ?? 'no reason'})`);
        }
        const chain = parts.filter((p) => p.target_id === t.id);
        let stopped = t.state !== 'published';
        for (const part of chain) {
          partStates[part.state] = (partStates[part.state] ?? 0) + 1;
          const got = on(t.platform, part.text);
          const what = `${t.platform} ${part.kind} part ${part.position} of "${post.text}" (${part.state})`;
          if (got.length > 1) problems.push(`${what}: received ${got.length} times`);
          if (part.state === 'published' && got.length !== 1) problems.push(`${what}: received ${got.length} times`);
          if (part.state === 'failed' && got.length > 0) problems.push(`${what}: received though it says it failed`);
          if ((part.state === 'failed' || part.state === 'unconfirmed') && !t.last_error) problems.push(`${what}: the copy shows no reason`);
          if (part.state === 'pending' && !stopped) problems.push(`${what}: left pending after the copy was published`);
          if (part.state === 'publishing') problems.push(`${what}: left publishing`);
          if (part.state === 'failed' || part.state === 'unconfirmed') stopped = true;
          if (got.length > 0 && part.state === 'pending') problems.push(`${what}: on the platform but pending here`);
        }
      }
    }
    const received: Record<string, number> = {};
    for (const [platform, fake] of Object.entries(r.world.fakes) as [SoakPlatform, FakeServer][]) {
      received[platform] = fake.posts.length;
      if (fake.duplicates() > 0) problems.push(`${platform}: ${fake.duplicates()} duplicate posts`);
      for (const p of fake.posts) if (!known.has(p.text)) problems.push(`${platform}: received a post nobody planned: ${p.text}`);
    }
    const alerts = Object.fromEntries((db.prepare("SELECT kind, count(*) AS n FROM alerts WHERE state = 'open' GROUP BY kind").all() as { kind: string; n: number }[]).map((a) => [a.kind, a.n]));
    return { integrity, states, parts: partStates, received, alerts, problems };
  } finally {
    db.close();
  }
}

/** The median of a list of numbers. */
export function median(list: number[]): number {
  const s = [...list].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

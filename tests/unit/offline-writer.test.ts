import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashtagOf, offlineSeed, pack, topicOf, writeOffline, type OfflineWriterInput } from '../../electron/core/content/offline-writer';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { openStore } from '../../electron/core/store/open';
import { PLATFORMS, type Platform } from '../../shared/domain/platforms';
import { preflight } from '../../shared/domain/preflight';
import { measure } from '../../shared/text-rules';
import { tempDir } from '../support/core';

interface TemplateRow {
  id: string;
  name: string;
  body: string;
  category: string;
}

// The seeded library, as a new creator has it: read from the migrations, not copied here.
let seeded: TemplateRow[] = [];
const dir = tempDir();
beforeAll(() => {
  const store = openStore(join(dir.path, 'library.sqlite'), MIGRATIONS);
  seeded = store.db.prepare('SELECT id, name, body, category FROM templates WHERE builtin = 1 ORDER BY id').all() as TemplateRow[];
  store.close();
});
afterAll(() => dir.remove());

const pillar = { id: 'pillar-1', name: 'Sourdough Baking', description: 'Bread at home, step by step' };
const write = (template: TemplateRow, platform: Platform, extra: Partial<OfflineWriterInput> = {}) =>
  writeOffline({ platform, threads: PLATFORM_CLIENTS[platform].capabilities.threads, template, pillar, seed: offlineSeed('2026-12-01', template.id, pillar.id), ...extra });

/** The gates a text-only copy meets, media aside (media-only platforms get theirs in Compose). */
const textGates = (platform: Platform, parts: string[]) =>
  preflight({
    platform,
    text: parts[0]!,
    thread: parts.slice(1),
    firstComment: null,
    media: [],
    requiresMedia: false,
    maxImages: 4,
    takesImages: true,
    takesVideo: true,
    account: { handle: '@me', status: 'connected' },
    needAccount: true,
  });

describe('the offline writer', () => {
  it('fills every seeded template for every platform: no brace left, within the limit, through the gates', () => {
    expect(seeded.length).toBeGreaterThanOrEqual(26);
    for (const template of seeded) {
      for (const platform of PLATFORMS) {
        const draft = write(template, platform);
        const where = `${template.name} on ${platform}`;
        expect(draft.problems, where).toEqual([]);
        expect(draft.parts.length, where).toBeGreaterThan(0);
        for (const part of draft.parts) {
          expect(part, where).not.toMatch(/[{}]/);
          expect(measure(platform, part).valid, `${where}: ${part}`).toBe(true);
        }
        expect(textGates(platform, draft.parts), where).toEqual([]);
        if (!PLATFORM_CLIENTS[platform].capabilities.threads) expect(draft.parts, `${where} keeps the whole thread in one post`).toHaveLength(1);
      }
    }
  });

  it('writes the same post for the same seed and different posts for different seeds', () => {
    for (const template of seeded) {
      expect(write(template, 'mastodon')).toEqual(write(template, 'mastodon'));
    }
    const variable = seeded.filter((t) => /\{/.test(t.body));
    const texts = (date: string) => variable.map((t) => write(t, 'linkedin', { seed: offlineSeed(date, t.id, pillar.id) }).parts.join('\n'));
    const a = texts('2026-12-01');
    const dates = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'];
    // Across a few days most templates read differently (one whose only blank is {topic} reads the same).
    const changed = variable.filter((_, i) => dates.some((d) => texts(d)[i] !== a[i]));
    expect(changed.length).toBeGreaterThan(variable.length * 0.8);
    expect(texts('2026-12-02').filter((t, i) => t !== a[i]).length).toBeGreaterThan(variable.length / 2);
  });

  it('fills the before and after template from the pillar, reading as sentences', () => {
    const template = seeded.find((t) => t.id === 'builtin-hook-before-after')!;
    const draft = write(template, 'bluesky');
    expect(draft.parts).toHaveLength(1);
    expect(draft.parts[0]).toMatch(/^(A year ago|Two years ago|Six months ago|Not long ago), I .*sourdough baking.*\. Today, I .*sourdough baking.*\. Here’s exactly what changed:\n\n[A-Z].*\./);
    expect(draft.values).toMatchObject({ before: expect.stringContaining('sourdough baking'), after: expect.stringContaining('sourdough baking') });
    expect(draft.values.before).not.toBe(draft.values.after);
    expect(draft.hashtags).toEqual(['#SourdoughBaking']);
    expect(draft.parts[0]).toContain('#SourdoughBaking');
  });

  it('takes the campaign, the voice and the idea into account', () => {
    const template = seeded.find((t) => t.id === 'builtin-general-announcement')!;
    const draft = write(template, 'linkedin', {
      campaign: { name: 'Spring Bake-Along', theme: null, goal: 'conversion' },
      voice: { tone: 'friendly and casual', wordsToUse: ['wild yeast'], wordsToAvoid: ['hack'] },
      idea: { text: 'The spring bake-along opens on Monday.', link: 'https://example.com/bake', tags: ['baking'] },
    });
    const text = draft.parts.join('\n');
    expect(text).toMatch(/^Big news: The spring bake-along opens on Monday\.\n/);
    expect(text).toContain('https://example.com/bake');
    expect(text).not.toContain('https://example.com/bake.');
    expect(draft.hashtags[0]).toBe('#SourdoughBaking');
    // LinkedIn takes three: the pillar's, then the campaign's, the idea's and the voice's in a seeded order.
    expect(draft.hashtags).toHaveLength(3);
    for (const tag of draft.hashtags.slice(1)) expect(['#SpringBakeAlong', '#WildYeast', '#Baking']).toContain(tag);
    expect(text.toLowerCase()).not.toContain('hack');
    // A conversion campaign asks for the sale, not for a reply.
    expect(text).toMatch(/Send me a message|my profile/);
  });

  it('never leaves a brace, whatever the template or the creator typed', () => {
    const template = { id: 't', name: 'Odd', body: 'Meet {favourite tool} and {{curly}} {Topic}! {a b c}', category: 'general' };
    const draft = write(template, 'x', { pillar: { id: 'p', name: 'Home {Lab}' } });
    expect(draft.problems).toEqual([]);
    expect(draft.parts.join('')).not.toMatch(/[{}]/);
    expect(draft.values['favourite tool']).toBe('my favourite tool for home lab');
  });

  it('shortens by dropping hashtags and the added call to action, and splits a thread at sentence ends, never mid-word', () => {
    const template = seeded.find((t) => t.id === 'builtin-video-story')!;
    const x = write(template, 'x');
    expect(x.parts.length).toBeGreaterThan(1);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(x.parts.flatMap(words)).toEqual(write(template, 'linkedin').parts.flatMap(words).filter((w) => !w.startsWith('#')));
    const fits = (t: string) => t.length <= 20;
    expect(pack('One two three. Four five six seven eight nine.', fits)).toEqual(['One two three.', 'Four five six seven', 'eight nine.']);
  });

  it('reads names the way a sentence needs them', () => {
    expect(topicOf('Sourdough Baking')).toBe('sourdough baking');
    expect(topicOf('AI Tools for iOS')).toBe('AI tools for iOS');
    expect(hashtagOf('behind the scenes')).toBe('#BehindTheScenes');
    expect(hashtagOf('2026')).toBeNull();
  });
});

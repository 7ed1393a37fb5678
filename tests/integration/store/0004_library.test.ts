import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { parseTemplate } from '../../../shared/domain/template-text';
import { tempDir } from '../../support/core';

// Schema 3 → 4: templates get categories, search and a seeded set; voices and pillars arrive.
describe('migration 0004_library', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;
  beforeAll(() => {
    expect(MIGRATIONS[3]?.name).toBe('library');
    const v3 = openStore(path, MIGRATIONS.slice(0, 3));
    v3.db.exec(`
      INSERT INTO templates (id, name, category, body, created_at, updated_at) VALUES ('old', 'Weekly recap', 'recaps', 'This week in {project}: {highlight}', 1, 1);
      INSERT INTO posts (id, template_id, created_at, updated_at) VALUES ('p1', 'old', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'This week in Loomcast: search', 1);
      INSERT INTO accounts (id, platform, handle, created_at, updated_at) VALUES ('a1', 'tiktok', 'cooking', 1, 1);`);
    v3.close();
    store = openStore(path, MIGRATIONS.slice(0, 4));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  const ids = (sql: string, ...args: unknown[]) => (store.db.prepare(sql).all(...args) as { id: string }[]).map((r) => r.id);

  it('keeps a template from schema 1, moving an unknown category to general, and the post still points at it', () => {
    expect(store.db.prepare("SELECT category, description, deleted_at, builtin FROM templates WHERE id = 'old'").get()).toEqual({
      category: 'general',
      description: '',
      deleted_at: null,
      builtin: 0,
    });
    expect(store.db.prepare("SELECT template_id, pillar_id, voice_id FROM posts WHERE id = 'p1'").get()).toEqual({ template_id: 'old', pillar_id: null, voice_id: null });
  });

  it('seeds at least ten hooks and five short-video frameworks with timing cues, all valid templates', () => {
    const count = (category: string) => (store.db.prepare('SELECT count(*) AS n FROM templates WHERE builtin = 1 AND category = ?').get(category) as { n: number }).n;
    expect(count('hook')).toBeGreaterThanOrEqual(10);
    expect(count('video_script')).toBeGreaterThanOrEqual(5);
    expect(count('cta')).toBeGreaterThanOrEqual(3);
    expect(count('thread')).toBeGreaterThanOrEqual(2);
    const seeds = store.db.prepare('SELECT id, name, body, created_at FROM templates WHERE builtin = 1').all() as { id: string; name: string; body: string; created_at: number }[];
    for (const s of seeds) {
      const parsed = parseTemplate(s.body);
      expect(parsed.problems, s.name).toEqual([]);
      expect(parsed.variables.length, `${s.name} has variables`).toBeGreaterThan(0);
      expect(s.created_at, `${s.name} has a real creation time`).toBeGreaterThan(0);
    }
    const scripts = seeds.filter((s) => s.id.startsWith('builtin-video-'));
    for (const s of scripts) {
      expect(s.body, s.name).toMatch(/^\[0:00–0:0\d\] HOOK/);
      expect(s.body, s.name).toMatch(/CTA/);
    }
  });

  it('indexes old and seeded templates for search, and keeps the index in step with edits', () => {
    const find = (q: string) => ids('SELECT template_id AS id FROM templates_fts WHERE templates_fts MATCH ? ORDER BY template_id', q);
    expect(find('"recap"*')).toEqual(['old']);
    expect(find('"call"* "action"*').length).toBeGreaterThanOrEqual(3);
    store.db.prepare("UPDATE templates SET body = 'Newsletter digest for {audience}' WHERE id = 'old'").run();
    expect(find('"digest"')).toEqual(['old']);
    expect(find('"highlight"')).toEqual([]);
  });

  it('refuses categories outside the list and deleting a built-in template', () => {
    expect(() => store.db.prepare("INSERT INTO templates (id, name, category, body, created_at, updated_at) VALUES ('x', 'x', 'memes', 'x', 1, 1)").run()).toThrow(/CHECK constraint failed: template category/);
    expect(() => store.db.prepare("UPDATE templates SET category = 'memes' WHERE id = 'old'").run()).toThrow(/template category/);
    expect(() => store.db.prepare("DELETE FROM templates WHERE id = 'builtin-hook-stop-doing'").run()).toThrow(/built-in templates cannot be deleted/);
  });

  it('holds pillars to one spelling of a colour and names unique regardless of case', () => {
    const insert = store.db.prepare('INSERT INTO pillars (id, name, color, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
    insert.run('pl1', 'Recipes', '#ff8800');
    expect(() => insert.run('pl2', 'Other', '#FF8800')).toThrow(/CHECK/);
    expect(() => insert.run('pl3', 'Other', 'orange')).toThrow(/CHECK/);
    expect(() => insert.run('pl4', 'RECIPES', '#000000')).toThrow(/UNIQUE/);
  });

  it('links pillars to accounts and voices, and lets posts outlive their pillar and voice', () => {
    store.db.exec(`
      INSERT INTO voices (id, name, tone, created_at, updated_at) VALUES ('v1', 'Warm', 'friendly', 1, 1);
      INSERT INTO pillars (id, name, color, voice_id, created_at, updated_at) VALUES ('pl9', 'Kitchen tips', '#0f766e', 'v1', 1, 1);
      INSERT INTO pillar_accounts (pillar_id, account_id) VALUES ('pl9', 'a1');
      UPDATE posts SET pillar_id = 'pl9', voice_id = 'v1' WHERE id = 'p1';`);
    expect(() => store.db.prepare("INSERT INTO voices (id, name, words_to_use, created_at, updated_at) VALUES ('v2', 'x', '{}', 1, 1)").run()).toThrow(/CHECK/);
    store.db.prepare("DELETE FROM voices WHERE id = 'v1'").run();
    expect(store.db.prepare("SELECT voice_id FROM pillars WHERE id = 'pl9'").get()).toEqual({ voice_id: null });
    store.db.prepare("DELETE FROM pillars WHERE id = 'pl9'").run();
    expect(store.db.prepare("SELECT pillar_id, voice_id FROM posts WHERE id = 'p1'").get()).toEqual({ pillar_id: null, voice_id: null });
    expect(store.db.prepare('SELECT count(*) AS n FROM pillar_accounts').get()).toEqual({ n: 0 });
  });
});

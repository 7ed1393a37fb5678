/**
 * The one writer of version_provenance: how a version of a post was written, by the offline
 * writer or a model, from what (template, pillar, voice, campaign, idea), with which examples
 * and which prompt. Planner and generation record through here; Review reads it back.
 */
import type { Db } from '../store/open';

export type ProvenanceTask = 'plan' | 'variants' | 'slot' | 'idea' | 'rewrite' | 'shorten' | 'thread';

/** An example shown to the model: a pinned text (by its position) or a learned post (by id). */
export type ProvenanceExample = { pinned: number } | { postId: string };

export interface ProvenanceRecord {
  postId: string;
  number: number;
  writer: 'offline' | 'ai';
  /** The writer's rules or the prompt's version: `offline-1`, `variants-2`… */
  writerVersion: string;
  task: ProvenanceTask;
  templateId?: string | null;
  templateName?: string | null;
  pillarId?: string | null;
  pillarName?: string | null;
  voiceId?: string | null;
  campaignId?: string | null;
  ideaId?: string | null;
  examples?: readonly ProvenanceExample[];
  seed: string;
  now: number;
}

export interface ProvenanceRow {
  post_id: string;
  number: number;
  writer: 'offline' | 'ai';
  writer_version: string;
  task: ProvenanceTask | null;
  template_id: string | null;
  template_name: string | null;
  pillar_id: string | null;
  pillar_name: string | null;
  voice_id: string | null;
  campaign_id: string | null;
  idea_id: string | null;
  examples: string;
  seed: string;
}

export function createProvenanceStore(db: Db) {
  const s = {
    insert: db.prepare(`INSERT INTO version_provenance (post_id, number, writer, writer_version, task, template_id, template_name, pillar_id, pillar_name,
      voice_id, campaign_id, idea_id, examples, seed, created_at)
      VALUES (@postId, @number, @writer, @writerVersion, @task, @templateId, @templateName, @pillarId, @pillarName, @voiceId, @campaignId, @ideaId, @examples, @seed, @now)`),
    source: db.prepare('UPDATE post_versions SET source = ? WHERE post_id = ? AND number = ?'),
    latest: db.prepare('SELECT max(number) AS n FROM post_versions WHERE post_id = ?'),
    current: db.prepare(`SELECT vp.* FROM version_provenance vp
      WHERE vp.post_id = ? AND vp.number = (SELECT max(number) FROM post_versions WHERE post_id = vp.post_id)`),
  };
  return {
    /** The number of the post's newest version (0 when it has none). */
    latestVersion(postId: string): number {
      return (s.latest.get(postId) as { n: number | null }).n ?? 0;
    },
    /**
     * Records how a version was written and marks the version's source ('template' for the
     * offline writer, 'ai' for a model). Call inside the transaction that wrote the version.
     */
    record(r: ProvenanceRecord): void {
      s.source.run(r.writer === 'ai' ? 'ai' : 'template', r.postId, r.number);
      s.insert.run({
        postId: r.postId,
        number: r.number,
        writer: r.writer,
        writerVersion: r.writerVersion,
        task: r.task,
        templateId: r.templateId ?? null,
        templateName: r.templateName ?? null,
        pillarId: r.pillarId ?? null,
        pillarName: r.pillarName ?? null,
        voiceId: r.voiceId ?? null,
        campaignId: r.campaignId ?? null,
        ideaId: r.ideaId ?? null,
        examples: JSON.stringify(r.examples ?? []),
        seed: r.seed,
        now: r.now,
      });
    },
    /** How the post's current version was written; null when a person wrote (or edited) it. */
    current(postId: string): ProvenanceRow | null {
      return (s.current.get(postId) as ProvenanceRow | undefined) ?? null;
    },
  };
}

export type ProvenanceStore = ReturnType<typeof createProvenanceStore>;

import type { Platform } from '../../../shared/domain/platforms';
import type { TargetState } from '../../../shared/domain/states';
import type { PostDto, PostVersionDto, TargetDto, VersionPartsDto as VersionParts } from '../../../shared/contract';
import type { Db } from '../store/open';
import { createPostLists, type ListQuery } from './post-lists';
import { readPage, type PageQuery } from './post-pages';
import { makerFromColumns, type PostMaker } from './made-by';
import { isoInstant as iso } from './iso-instant';

interface PostRow {
  id: string;
  created_at: number;
  updated_at: number;
  version: number;
  text: string;
  created_by: string | null;
  created_via: string | null;
}

export interface TargetRow {
  id: string;
  post_id: string;
  platform: Platform;
  account_id: string | null;
  text_override: string | null;
  scheduled_at: number | null;
  zone: string | null;
  state: TargetState;
  last_error: string | null;
  last_error_details: string | null;
  platform_url: string | null;
}


/** A thread part or first comment as written, before it is numbered. */
type NewPart = { kind: 'thread' | 'comment'; text: string };

const POST_SELECT = `
  SELECT p.id, p.created_at, p.updated_at, p.created_by, p.created_via, v.number AS version, v.text
  FROM posts p
  JOIN post_versions v ON v.post_id = p.id
   AND v.number = (SELECT max(number) FROM post_versions WHERE post_id = p.id)`;

/** SQL for posts and their versions, and reads of their targets; targets are written by targets.ts only. */
export function createPostsRepo(db: Db) {
  const lists = createPostLists(db);
  const stmts = {
    insertPost: db.prepare('INSERT INTO posts (id, created_at, updated_at, created_by, created_via) VALUES (?, ?, ?, ?, ?)'),
    insertVersion: db.prepare(
      'INSERT INTO post_versions (post_id, number, text, source, created_at, written_by, written_via, parts) VALUES (?, (SELECT ifnull(max(number), 0) + 1 FROM post_versions WHERE post_id = ?), ?, ?, ?, ?, ?, ?)',
    ),
    insertPart: db.prepare('INSERT INTO target_parts (target_id, position, kind, text) VALUES (?, ?, ?, ?)'),
    deleteParts: db.prepare('DELETE FROM target_parts WHERE target_id = ?'),
    partsStarted: db.prepare("SELECT count(*) FROM target_parts WHERE target_id = ? AND state <> 'pending'"),
    partsOfMany: db.prepare(`SELECT t.post_id, p.position, p.kind, p.text FROM target_parts p JOIN targets t ON t.id = p.target_id
      WHERE t.post_id IN (SELECT value FROM json_each(?)) ORDER BY t.post_id, t.rowid, p.position`),
    deletePost: db.prepare('DELETE FROM posts WHERE id = ?'),
    getPost: db.prepare(`${POST_SELECT} WHERE p.id = ?`),
    targetsOf: db.prepare('SELECT * FROM targets WHERE post_id = ? ORDER BY rowid'),
    versions: db.prepare('SELECT number, text, source, created_at, written_by, written_via, parts FROM post_versions WHERE post_id = ? ORDER BY number DESC'),
  };

  const insertParts = (targetId: string, parts: NewPart[]) => parts.forEach((p, i) => stmts.insertPart.run(targetId, i + 1, p.kind, p.text));
  const toTarget = (t: TargetRow): TargetDto => ({
    id: t.id,
    platform: t.platform,
    accountId: t.account_id,
    textOverride: t.text_override,
    state: t.state,
    scheduledAt: t.scheduled_at === null ? null : iso(t.scheduled_at),
    zone: t.zone,
    lastError: t.last_error,
    lastErrorDetails: t.last_error_details,
    platformUrl: t.platform_url,
  });

  type PartRow = { post_id: string; position: number; kind: 'thread' | 'comment'; text: string };
  /** Every target of a post carries the same parts (where its platform takes them). */
  const partsByPost = (ids: string[]) => {
    const out = new Map<string, { thread: string[]; firstComment: string | null }>();
    const seen = new Set<string>();
    for (const p of stmts.partsOfMany.all(JSON.stringify(ids)) as PartRow[]) {
      const entry = out.get(p.post_id) ?? { thread: [], firstComment: null };
      out.set(p.post_id, entry);
      if (p.kind === 'comment') {
        entry.firstComment ??= p.text;
      } else if (!seen.has(`${p.post_id}:${p.position}`)) {
        // Thread positions only: a copy that takes just a first comment numbers it 1 too.
        entry.thread.push(p.text);
        seen.add(`${p.post_id}:${p.position}`);
      }
    }
    return out;
  };

  type Parts = { thread: string[]; firstComment: string | null };
  /** `parts` left out: read here. */
  const toPost = (row: PostRow, targets: TargetRow[], parts: Parts | null = partsByPost([row.id]).get(row.id) ?? null): PostDto => {
    const timed = targets.filter((t) => t.scheduled_at !== null).sort((a, b) => a.scheduled_at! - b.scheduled_at!);
    const first = timed[0];
    return {
      id: row.id,
      text: row.text,
      version: row.version,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      scheduledAt: first ? iso(first.scheduled_at!) : null,
      zone: first?.zone ?? null,
      targets: targets.map(toTarget),
      thread: parts?.thread ?? [],
      firstComment: parts?.firstComment ?? null,
      createdBy: makerFromColumns(row.created_by, row.created_via),
    };
  };

  return {
    insertPost(id: string, now: number, by: PostMaker) {
      stmts.insertPost.run(id, now, now, by.actor, by.client);
    },
    /** A new version: its words, who wrote them (schema 21) and, as written with them, its thread and first comment (schema 23). */
    addVersion(postId: string, text: string, source: PostVersionDto['source'], now: number, by: PostMaker, parts: VersionParts) {
      stmts.insertVersion.run(postId, postId, text, source, now, by.actor, by.client, JSON.stringify(parts));
    },
    insertParts,
    /** A copy's parts written again from scratch; only for a copy none of whose parts has started. */
    replaceParts(targetId: string, parts: NewPart[]) {
      stmts.deleteParts.run(targetId);
      insertParts(targetId, parts);
    },
    /** Whether any part of a copy has been sent (or tried). */
    partsStarted(targetId: string): boolean {
      return (stmts.partsStarted.pluck().get(targetId) as number) > 0;
    },
    deletePost(id: string) {
      stmts.deletePost.run(id);
    },
    targets(postId: string): TargetRow[] {
      return stmts.targetsOf.all(postId) as TargetRow[];
    },
    get(id: string): PostDto | null {
      const row = stmts.getPost.get(id) as PostRow | undefined;
      return row ? toPost(row, stmts.targetsOf.all(id) as TargetRow[]) : null;
    },
    /** Whole posts by id, in the order given; unknown ids are left out. */
    getMany(ids: string[]): PostDto[] {
      return lists.read(ids);
    },
    /** A list of posts, each read whole in one statement (post-lists.ts). */
    list(q: ListQuery): PostDto[] {
      return lists.list(q);
    },
    /** A page of a list after a cursor, and the next page's cursor (post-pages.ts). */
    page: (q: PageQuery) => readPage(db, lists, q),
    /** The list screen's growing sections, and the counts beside them (post-lists.ts). */
    listSections: { section: lists.section, untimedDrafts: lists.untimedDrafts, waiting: lists.waiting },
    versions(postId: string): PostVersionDto[] {
      type VersionRow = { number: number; text: string; source: PostVersionDto['source']; created_at: number; written_by: string | null; written_via: string | null; parts: string | null };
      return (stmts.versions.all(postId) as VersionRow[]).map((v) => ({
        number: v.number,
        text: v.text,
        source: v.source,
        createdAt: iso(v.created_at),
        writtenBy: makerFromColumns(v.written_by, v.written_via),
        parts: v.parts === null ? null : (JSON.parse(v.parts) as VersionParts),
      }));
    },
  };
}

export type PostsRepo = ReturnType<typeof createPostsRepo>;

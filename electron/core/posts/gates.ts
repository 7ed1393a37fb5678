import { AppError } from '../../../shared/contract';
import type { Platform } from '../../../shared/domain/platforms';
import { preflight, summariseProblems, type GateProblem } from '../../../shared/domain/preflight';
import type { Db } from '../store/open';

/** What the core knows of a platform's client; null where it has none. */
export type PlatformFeatures = (platform: Platform) => { requiresMedia: boolean; maxImages: number; images: boolean; video: boolean } | null;

interface TargetFacts {
  id: string;
  post_id: string;
  platform: Platform;
  text: string;
  handle: string | null;
  status: string | null;
  server_url: string | null;
}

/**
 * Loads a copy as it would go out (its text, parts, media and account) and runs the pre-flight
 * gates of shared/domain/preflight.ts over it. The same gates run on approval, scheduling,
 * moving, import, and once more just before the network call.
 */
export function createGates(db: Db, features: PlatformFeatures) {
  const s = {
    target: db.prepare(`SELECT t.id, t.post_id, t.platform, a.handle, a.status, a.server_url,
        coalesce(t.text_override, (SELECT text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY number DESC LIMIT 1)) AS text
      FROM targets t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.id = ?`),
    parts: db.prepare('SELECT kind, text FROM target_parts WHERE target_id = ? ORDER BY position'),
    media: db.prepare(`SELECT m.mime, m.bytes, m.width, m.height, m.duration_ms, pm.alt_text FROM post_media pm JOIN media m ON m.hash = pm.media_hash WHERE pm.post_id = ? ORDER BY pm.position`),
  };

  const problemsOf = (targetId: string, stage: 'plan' | 'publish'): GateProblem[] => {
    const t = s.target.get(targetId) as TargetFacts | undefined;
    if (!t) return [];
    const parts = s.parts.all(targetId) as { kind: 'thread' | 'comment'; text: string }[];
    const media = (s.media.all(t.post_id) as { mime: string; bytes: number; width: number | null; height: number | null; duration_ms: number | null; alt_text: string | null }[]).map((m) => ({
      mime: m.mime,
      bytes: m.bytes,
      altText: m.alt_text,
      width: m.width,
      height: m.height,
      durationMs: m.duration_ms,
    }));
    const f = features(t.platform);
    return preflight({
      platform: t.platform,
      text: t.text,
      thread: parts.filter((p) => p.kind === 'thread').map((p) => p.text),
      firstComment: parts.find((p) => p.kind === 'comment')?.text ?? null,
      media,
      requiresMedia: f?.requiresMedia ?? false,
      maxImages: f?.maxImages ?? 0,
      // Without a client nothing goes out anyway; don't add media words to that.
      takesImages: f?.images ?? true,
      takesVideo: f?.video ?? true,
      account: t.handle === null ? null : { handle: t.handle, status: t.status ?? 'connected' },
      // A copy may be planned before its account is connected; it cannot go out without one.
      needAccount: stage === 'publish',
    });
  };

  return {
    problemsOf,
    /** Throws `gate_failed` naming every copy's problems, or returns quietly. */
    assert(targetIds: readonly string[]): void {
      const problems = targetIds.flatMap((id) => problemsOf(id, 'plan'));
      if (problems.length === 0) return;
      throw new AppError('gate_failed', summariseProblems(problems), {
        issues: problems.map((p) => ({ path: [p.platform, ...p.field.split('.')], message: p.message })),
      });
    },
  };
}

export type Gates = ReturnType<typeof createGates>;

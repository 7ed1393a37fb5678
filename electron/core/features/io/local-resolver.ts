/**
 * resolveLocal (shared/domain/time.ts) for a thousand rows at a time. Luxon builds Intl
 * formatters on every call, which costs a millisecond a row on a busy machine; here one formatter
 * per zone serves a whole check. Only the plain case is answered here: a wall time that happens
 * exactly once. A time in a DST gap or overlap, or an impossible date, goes to resolveLocal itself,
 * so the rules and the words for those cases stay in one place.
 */
import { isKnownZone, resolveLocal, zoneProblem, type LocalDateTime, type ResolvedInstant } from '../../../../shared/domain/time';

const DAY_MS = 86_400_000;

export type LocalResolver = (local: LocalDateTime) => ResolvedInstant;

/**
 * `isKnownZone`: any zone the database reads (the import's own zone may be one stored before
 * abbreviations were refused); `zoneProblem`: why a zone a row names is not one to plan in.
 */
export function createLocalResolver(): { resolve: LocalResolver; isKnownZone: (zone: string) => boolean; zoneProblem: (zone: string) => string | null } {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const knownZones = new Map<string, boolean>();
  const problems = new Map<string, string | null>();

  const valid = (zone: string) => {
    let ok = knownZones.get(zone);
    if (ok === undefined) knownZones.set(zone, (ok = isKnownZone(zone)));
    return ok;
  };
  const problemOf = (zone: string) => {
    let problem = problems.get(zone);
    if (problem === undefined) problems.set(zone, (problem = zoneProblem(zone)));
    return problem;
  };

  /** The wall clock in `zone` at instant `ms`, written as if it were UTC. */
  const wallAsUtc = (ms: number, zone: string): number => {
    let f = formatters.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      formatters.set(zone, f);
    }
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  };

  const resolve: LocalResolver = (local) => {
    const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(local.date);
    const tm = /^(\d{2}):(\d{2})$/.exec(local.time);
    if (!dm || !tm || !valid(local.zone)) return resolveLocal(local);
    const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
    const wanted = Date.UTC(y, mo - 1, d, h, mi);
    const back = new Date(wanted);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return resolveLocal(local);
    // Any instant showing this wall time lies within a day of it, at the offset in force a day
    // before, at, or a day after; a change of offset between those shows as two candidates or none.
    const candidates = new Set([-DAY_MS, 0, DAY_MS].map((shift) => wanted - (wallAsUtc(wanted + shift, local.zone) - (wanted + shift))));
    const hits = [...candidates].filter((ms) => wallAsUtc(ms, local.zone) === wanted);
    if (hits.length !== 1) return resolveLocal(local);
    return { ok: true, epochMs: hits[0]!, ambiguous: false };
  };

  return { resolve, isKnownZone: valid, zoneProblem: problemOf };
}

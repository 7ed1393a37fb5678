import { DateTime } from 'luxon';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';

/** Renderer-side wording for times and lists. Every time is shown in the zone it is given. */

export function parseInstant(iso: string): number {
  return Date.parse(iso);
}

/** "14:30" in the zone. */
export function clockTime(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat('HH:mm');
}

/** "Today", "Tomorrow" or "Wednesday", with the date: a heading for one day of posts. */
export function dayHeading(dayKey: string, zone: string, nowMs: number): { label: string; date: string } {
  const day = DateTime.fromISO(dayKey, { zone });
  const today = DateTime.fromMillis(nowMs, { zone }).startOf('day');
  const diff = Math.round(day.startOf('day').diff(today, 'days').days);
  const date = day.toFormat(day.year === today.year ? 'ccc d LLL' : 'ccc d LLL yyyy');
  if (diff === 0) return { label: 'Today', date };
  if (diff === 1) return { label: 'Tomorrow', date };
  if (diff === -1) return { label: 'Yesterday', date };
  return { label: day.toFormat('cccc'), date };
}

/** "Tue 14:30" within the coming week, "Tue 14 Jan, 14:30" beyond it. */
export function shortWhen(epochMs: number, zone: string, nowMs: number): string {
  const dt = DateTime.fromMillis(epochMs, { zone });
  const inAWeek = epochMs - nowMs < 6 * 24 * 3_600_000 && epochMs >= nowMs;
  return dt.toFormat(inAWeek ? 'ccc HH:mm' : 'ccc d LLL, HH:mm');
}

/** "CET, UTC+1": how a zone reads right now, to sit next to its IANA name. */
export function zoneAbbrev(zone: string, atMs: number): string {
  const dt = DateTime.fromMillis(atMs, { zone });
  if (!dt.isValid) return '';
  const offset = dt.toFormat('ZZ') === '+00:00' ? 'UTC' : `UTC${dt.toFormat('Z')}`;
  const short = dt.offsetNameShort ?? '';
  return short && short !== offset && !/^GMT[+-]/.test(short) ? `${short}, ${offset}` : offset;
}

/** "X", "X and Bluesky", "X, Bluesky and 2 more". */
export function platformList(platforms: readonly Platform[]): string {
  const names = platforms.map((p) => PLATFORM_NAMES[p]);
  if (names.length <= 1) return names[0] ?? '';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more`;
}

/** The first line of a post, trimmed for a one-line row. */
export function firstWords(text: string, max = 90): string {
  const line = text.trim().split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 minutes ago", "yesterday": for version history. Under a minute reads "just now". */
export function relative(epochMs: number, nowMs: number): string {
  if (Math.abs(nowMs - epochMs) < 60_000) return 'just now';
  return DateTime.fromMillis(epochMs).toRelative({ base: DateTime.fromMillis(nowMs) }) ?? '';
}

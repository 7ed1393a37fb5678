/**
 * Scheduled, publishing and published copies as an RFC 5545 calendar. Each event keeps the zone
 * its post was planned in (DTSTART;TZID=…) with a VTIMEZONE for every zone used, so a calendar
 * app shows 09:30 Berlin as 09:30 Berlin, across daylight-saving changes. A post is a moment,
 * so an event has a start and no end (RFC 5545 §3.6.1: it ends when it starts). UIDs are
 * `<target id>@loomcast` and stay the same across exports, so a subscribed calendar updates an
 * event in place when the post moves.
 *
 * A time the clocks repeat (02:30 on the night they go back) is written in UTC instead: with a
 * TZID it names the first 02:30 (RFC 5545 §3.3.5), and readers differ anyway (ical.js takes the
 * second), while a UTC time is one instant for every calendar.
 *
 * The VTIMEZONE blocks are written from the app's own zone data over the posts' span
 * (vtimezone.ts); timezones-ical-library only names the zone (its canonical TZID).
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { STATE_LABELS, type TargetState } from '../../../../shared/domain/states';
import { nextTurn } from '../../turn';
import { EXPORT_CHUNK, type ExportTarget } from './export-query';
import { repeatedTimeFinder } from './repeated-time';
import { vtimezoneBlock } from './vtimezone';

export const ICAL_STATES: readonly TargetState[] = ['scheduled', 'publishing', 'published'];

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Zulu', 'Etc/Universal', 'Universal', 'Zulu']);

/**
 * The TZID for a zone: the name timezones-ical-library gives it, which answers an alias
 * (Asia/Calcutta, US/Eastern) with its canonical zone (Asia/Kolkata, America/New_York), the name
 * calendar apps know; the zone's own name when the library does not know it. null for UTC (and a
 * zone luxon cannot read): the time is written in UTC. The library's block itself is not used
 * (see vtimezone.ts).
 */
function tzidOf(zone: string, cache: Map<string, string | null>): string | null {
  if (cache.has(zone)) return cache.get(zone)!;
  let found: string | null = null;
  if (!UTC_NAMES.has(zone) && IANAZone.isValidZone(zone)) {
    const answer = tzlib_get_ical_block(zone);
    const block = Array.isArray(answer) ? answer[0] : '';
    const canonical = block ? /^TZID:(.+)$/m.exec(block)?.[1]?.trim() : undefined;
    // ical-generator writes the start in the TZID's zone: it must be one luxon reads.
    found = canonical && IANAZone.isValidZone(canonical) ? canonical : zone;
  }
  cache.set(zone, found);
  return found;
}

/** "X · Three things I learned shipping…": the platform first, as a calendar cell is narrow. */
function summaryOf(t: ExportTarget): string {
  const line = t.text.trim().split('\n').find((l) => l.trim()) ?? '';
  const words = line.length > 60 ? `${line.slice(0, 60).replace(/\s+\S*$/, '')}…` : line;
  const prefix = t.state === 'published' ? 'Published · ' : t.state === 'publishing' ? 'Publishing · ' : '';
  return `${prefix}${PLATFORM_NAMES[t.platform]} · ${words}`;
}

function descriptionOf(t: ExportTarget): string {
  const where = t.account ? `${PLATFORM_NAMES[t.platform]} @${t.account.handle.replace(/^@/, '')}` : PLATFORM_NAMES[t.platform];
  const lines = [t.text, '', `${STATE_LABELS[t.state]} on ${where}`];
  if (t.campaign) lines.push(`Campaign: ${t.campaign}`);
  if (t.platformUrl) lines.push(t.platformUrl);
  return lines.join('\n');
}

/**
 * RFC 5545 §3.1 line folding: a line over 75 octets goes on in the next line after CRLF and a
 * space, never inside a character. ical-generator 10 (the last for Node 20) folds its whole
 * output by UTF-8-encoding each character on its own: ~1 s for a month of 2,000 posts, and
 * seconds for a subscribed calendar at 100,000, holding the main process (publishing included)
 * all along. Same rule here in one pass over the character codes, as ical-generator 11 does.
 */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (Buffer.byteLength(line) <= 74) return line;
      const pieces: string[] = [];
      let start = 0;
      let octets = 0;
      for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        // A surrogate pair is one character of four octets: never split between its halves.
        const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < line.length;
        const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
        octets += size;
        if (octets > 74) {
          pieces.push(line.slice(start, i));
          start = i;
          octets = size;
        }
        if (pair) i++;
      }
      pieces.push(line.slice(start));
      return pieces.join('\r\n ');
    })
    .join('\r\n');
}

/**
 * The calendar, written a chunk of events at a time with a turn of the event loop between two
 * (nextTurn): a whole history at 100,000 posts is seconds of work, and publishing, timers and
 * other calls go on meanwhile instead of waiting for it.
 */
export async function calendarIcs(targets: readonly ExportTarget[], opts: { zone: string; now: number; name?: string }): Promise<string> {
  const tzids = new Map<string, string | null>();
  const repeatedOffset = repeatedTimeFinder();
  /** Per TZID, a zone of that name and the first and last post written under it. */
  const spans = new Map<string, { zone: string; from: number; to: number }>();
  const cal = ical({
    name: opts.name ?? 'Loomcast',
    description: 'Posts planned and published with Loomcast',
    prodId: { company: 'Loomcast', product: 'Loomcast', language: 'EN' },
    // Subscribed calendars look again after an hour.
    ttl: 3600,
  });
  // No calendar-wide zone: ical-generator would then write every time, DTSTAMP included, as a
  // floating local time. The VTIMEZONE blocks are added below, one per zone the events use.
  cal.timezone(null);

  // DTSTAMP and LAST-MODIFIED are UTC: a Date, which ical-generator writes with its UTC getters.
  // Only the start, in the post's own zone, needs a zoned DateTime.
  const stamp = new Date(opts.now);
  const events: string[] = [];
  for (let i = 0; i < targets.length; i += EXPORT_CHUNK) {
    if (i > 0) await nextTurn();
    for (const t of targets.slice(i, i + EXPORT_CHUNK)) {
      const zone = t.zone ?? opts.zone;
      const tzid = repeatedOffset(t.at, zone) ? null : tzidOf(zone, tzids);
      if (tzid) {
        const span = spans.get(tzid);
        if (!span) spans.set(tzid, { zone, from: t.at, to: t.at });
        else {
          if (t.at < span.from) span.from = t.at;
          if (t.at > span.to) span.to = t.at;
        }
      }
      const event = cal.createEvent({
        id: `${t.targetId}@loomcast`,
        start: DateTime.fromMillis(t.at, { zone: tzid ?? 'utc' }),
        summary: summaryOf(t),
        description: descriptionOf(t),
        stamp,
        lastModified: new Date(t.updatedAt),
        status: ICalEventStatus.CONFIRMED,
        categories: [{ name: PLATFORM_NAMES[t.platform] }, ...(t.campaign ? [{ name: t.campaign }] : [])],
        ...(t.platformUrl ? { url: t.platformUrl } : {}),
        ...(tzid ? { timezone: tzid } : {}),
      });
      event.x('X-LOOMCAST-STATE', t.state);
    }
    // ical-generator writes each event; the events are folded here (see foldLines).
    events.push(foldLines(cal.events().map((e) => e.toString()).join('')));
    cal.clear();
  }
  // The zones go after the calendar's own properties and before the events, as RFC 5545 orders them.
  const zonesUsed = [...spans].map(([tzid, { zone, from, to }]) => vtimezoneBlock(tzid, zone, from, to));
  const frame = cal.toString();
  const end = 'END:VCALENDAR';
  return `${frame.slice(0, frame.lastIndexOf(end))}${foldLines(zonesUsed.join(''))}${events.join('')}${end}`;
}

/**
 * A VTIMEZONE (RFC 5545 §3.6.5) written from the same zone data Loomcast schedules by (luxon,
 * i.e. the platform's ICU), for the span of the posts exported: one observance per change of the
 * clocks, each dated. A calendar app that reads the file's own block (Outlook, ical.js) then
 * puts each event at the instant Loomcast publishes it. The blocks of timezones-ical-library
 * are one yearly rule per zone from 1970 on, and that rule is wrong for some zones and years: a
 * fixed +00 for Morocco (which keeps +01 but for Ramadan), "first Sunday" of April for Chile's
 * "first Sunday from the 2nd", the last Saturday for Greenland's Saturday before the last Sunday;
 * and it may be newer or older than the zone data the app itself runs on.
 */
import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;

/** The zone's offset in whole minutes (luxon gives fractions for the old local mean times). */
const offsetAt = (tz: IANAZone, ms: number) => Math.round(tz.offset(ms));

/**
 * The instants in (fromMs, toMs] at which the zone's offset changes. Looked for a day at a time
 * (no zone changes its clocks twice within a day), then to the millisecond.
 */
export function offsetChanges(zone: string, fromMs: number, toMs: number): number[] {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return [];
  const out: number[] = [];
  let before = offsetAt(tz, fromMs);
  for (let a = fromMs; a < toMs; a += DAY_MS) {
    const b = Math.min(a + DAY_MS, toMs);
    const after = offsetAt(tz, b);
    if (after !== before) {
      let [lo, hi] = [a, b];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(tz, mid) === before) lo = mid;
        else hi = mid;
      }
      out.push(hi);
    }
    before = after;
  }
  return out;
}

/** "+0530", "-0300": TZOFFSETFROM and TZOFFSETTO's form. */
function utcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}${two(abs % 60)}`;
}

/** The wall clock under `offset` minutes at `ms`, as a local DATE-TIME ("20270328T020000"). */
function localStamp(ms: number, offset: number): string {
  return new Date(ms + offset * 60_000).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/**
 * The VTIMEZONE named `tzid` for posts in `zone` between `fromMs` and `toMs`. The first observance
 * starts two days before the first post (the offset then, unchanged); each change of the clocks
 * until two days after the last post follows as its own observance, its onset written in the
 * offset it changes from, as §3.6.5 asks.
 */
export function vtimezoneBlock(tzid: string, zone: string, fromMs: number, toMs: number): string {
  const tz = IANAZone.create(zone);
  const start = fromMs - 2 * DAY_MS;
  const observance = (at: number, from: number, to: number) => {
    const dt = DateTime.fromMillis(at, { zone, locale: 'en-US' });
    const kind = dt.isInDST ? 'DAYLIGHT' : 'STANDARD';
    const name = dt.offsetNameShort;
    return [
      `BEGIN:${kind}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `TZOFFSETFROM:${utcOffset(from)}`,
      `TZOFFSETTO:${utcOffset(to)}`,
      `DTSTART:${localStamp(at, from)}`,
      `END:${kind}`,
    ];
  };
  const first = offsetAt(tz, start);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${tzid}`, `X-LIC-LOCATION:${tzid}`, ...observance(start, first, first)];
  let before = first;
  for (const change of offsetChanges(zone, start, toMs + 2 * DAY_MS)) {
    const after = offsetAt(tz, change);
    lines.push(...observance(change, before, after));
    before = after;
  }
  lines.push('END:VTIMEZONE');
  return `${lines.join('\r\n')}\r\n`;
}

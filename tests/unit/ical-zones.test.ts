import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportTarget } from '../../electron/core/features/io/export-query';
import { calendarIcs } from '../../electron/core/features/io/ical-export';

// The test core's clock: Mon 23 Nov 2026 10:00 in Berlin. Nothing below is dated by hand: the
// changes of the clocks are found from the zone, after this instant.
const NOW = Date.parse('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every instant the zone's offset changes in (from, to], to the millisecond. */
function transitions(zone: string, from: number, to: number): number[] {
  const tz = IANAZone.create(zone);
  const out: number[] = [];
  for (let a = from; a < to; a += DAY) {
    const b = Math.min(a + DAY, to);
    if (tz.offset(a) === tz.offset(b)) continue;
    let [lo, hi] = [a, b];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (tz.offset(mid) === tz.offset(lo)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

const target = (i: number, at: number, zone: string): ExportTarget => ({
  targetId: `t${i}`,
  postId: `p${i}`,
  platform: 'x',
  state: 'scheduled',
  at,
  zone,
  text: `Post ${i}`,
  platformUrl: null,
  updatedAt: NOW,
  account: null,
  campaign: null,
  firstComment: null,
  media: [],
});

/** The instants a calendar app that reads the file's own VTIMEZONE (ical.js, Outlook) shows. */
function readBack(ics: string): number[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  for (const z of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(z));
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).startDate.toUnixTime() * 1000);
}

afterEach(() => ICAL.TimezoneService.reset());

describe('iCal export: the VTIMEZONE says what the app publishes by', () => {
  it.each([
    // Morocco keeps +01 but for Ramadan; a fixed +00 block put every post an hour early.
    'Africa/Casablanca',
    // Chile changes at midnight on the first Sunday from the 2nd; "first Sunday" is a week out when it is the 1st.
    'America/Santiago',
    // Greenland changes at 01:00 UTC, the evening before, on the last Saturday before the EU's Sunday.
    'America/Nuuk',
    // Israel goes forward on the Friday before the last Sunday of March, not on the last Friday.
    'Asia/Jerusalem',
    // Half-hour change of the clocks.
    'Australia/Lord_Howe',
    'Europe/Berlin',
    'Asia/Kathmandu',
  ])('%s: every post, a day apart for four years and hour by hour around each change of the clocks, reads back at its instant', async (zone) => {
    const until = NOW + 4 * 366 * DAY;
    const ats: number[] = [];
    for (let at = NOW + HOUR; at < until; at += 25 * HOUR) ats.push(at);
    for (const change of transitions(zone, NOW, until)) {
      for (let h = -4; h <= 4; h++) ats.push(change + h * HOUR + 30 * 60_000);
    }
    ats.sort((a, b) => a - b);
    const ics = await calendarIcs(
      ats.map((at, i) => target(i, at, zone)),
      { zone, now: NOW },
    );
    const back = readBack(ics);
    const wrong = ats.flatMap((at, i) => (back[i] === at ? [] : [`${new Date(at).toISOString()} read as ${new Date(back[i]!).toISOString()}`]));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('describes the zone only around the posts exported, one observance per change of the clocks', async () => {
    const zone = 'Europe/Berlin';
    const [change] = transitions(zone, NOW, NOW + 366 * DAY);
    const ics = await calendarIcs([target(1, change! - DAY, zone), target(2, change! + DAY, zone)], { zone, now: NOW });
    const block = /BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE/.exec(ics)![0];
    expect(block).toContain('TZID:Europe/Berlin');
    expect(block.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD', 'BEGIN:DAYLIGHT']);
    expect(block).toContain('TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
  });
});

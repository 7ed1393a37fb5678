/**
 * Exports write a copy's time as the wall clock of its zone ("2027-10-31 02:30, Europe/Berlin").
 * On the night the clocks go back that wall time happens twice, and a bare one names the first
 * (RFC 5545 §3.3.5 says so for .ics, and Loomcast's import takes the first too): a copy at the
 * second would come back an hour early. This finds those times, so an export can write the
 * offset (or UTC) that tells the two apart.
 */
import { IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;

/**
 * The zone's UTC offset at `at` ("+01:00") when the wall-clock time there happens twice, either
 * occurrence; null when it happens once (or the zone is not one luxon knows).
 * Offsets only, no DateTime: it runs for every row of an export of 100,000 posts.
 */
export function repeatedTimeOffset(at: number, zone: string): string | null {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return null;
  const own = tz.offset(at);
  const wall = at + own * 60_000;
  // A change of offset near `at` (clocks go back by an hour almost everywhere, 30 minutes on Lord
  // Howe Island): the same wall time under the other offset is a second instant when that
  // offset is the one in force there.
  for (const probe of [at - 3 * HOUR_MS, at + 3 * HOUR_MS]) {
    const other = tz.offset(probe);
    if (other === own || !Number.isFinite(other)) continue;
    const twin = wall - other * 60_000;
    if (twin !== at && tz.offset(twin) === other) return formatOffset(own);
  }
  return null;
}

/** Rows are grouped in windows this long when looking for a change of the clocks near them. */
const WINDOW_MS = 6 * HOUR_MS;

/**
 * repeatedTimeOffset for one export's rows: a window of six hours in which a zone's offset does
 * not change (all but a few) is known after two offsets, and its rows cost a lookup. Three
 * offsets per row were more than toLocal costs the whole row (1.4 s at 100,000 rows).
 */
export function repeatedTimeFinder(): (at: number, zone: string) => string | null {
  const calm = new Map<string, boolean>();
  return (at, zone) => {
    const window = Math.floor(at / WINDOW_MS);
    const key = `${zone} ${window}`;
    let still = calm.get(key);
    if (still === undefined) {
      const tz = IANAZone.create(zone);
      // The probes of repeatedTimeOffset reach 3 hours either side of the row.
      still = !tz.isValid || tz.offset(window * WINDOW_MS - 3 * HOUR_MS) === tz.offset((window + 1) * WINDOW_MS + 3 * HOUR_MS);
      calm.set(key, still);
    }
    return still ? null : repeatedTimeOffset(at, zone);
  };
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

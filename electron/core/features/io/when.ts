/**
 * The date and time of an import row, in the forms spreadsheets and schedulers write them:
 * "2026-12-01 09:30" (in the row's zone), "2026-12-01T09:30:00+01:00" (an exact instant),
 * "01/12/2026 09:30" (Hootsuite; day or month first as the creator says), "1.12.2026 09:30",
 * "12/1/2026 9:30 PM". Wall-clock times go through resolveLocal, so a time in a DST gap is
 * refused and one in an overlap takes the first occurrence, as everywhere else in Loomcast.
 */
import { resolveLocal } from '../../../../shared/domain/time';
import type { LocalResolver } from './local-resolver';

/** Every problem of the cell at once (a wrong date and a wrong time are two), each saying what to write. */
export type WhenResult =
  | { ok: true; epochMs: number; ambiguous: boolean; local: { date: string; time: string } | null }
  | { ok: false; messages: string[] };

const refused = (...messages: string[]): WhenResult => ({ ok: false, messages });

const EXAMPLES = 'Write it as 2026-12-01 09:30, or as an ISO timestamp such as 2026-12-01T09:30:00+01:00';

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const SLASHED = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

function wallTime(hourText: string, minuteText: string, secondText: string | undefined, meridiem: string | undefined): { time: string } | { error: string } {
  let hour = Number(hourText);
  const minute = Number(minuteText);
  if (secondText !== undefined && Number(secondText) !== 0) return { error: `Loomcast schedules to the minute: drop the seconds (:${secondText}).` };
  if (meridiem) {
    if (hour < 1 || hour > 12) return { error: `${hourText}:${minuteText} ${meridiem} is not a time: with AM or PM the hour runs from 1 to 12.` };
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { error: `${hourText}:${minuteText} is not a time of day: use 00:00 to 23:59.` };
  return { time: `${pad(hour)}:${pad(minute)}` };
}

function fromLocal(date: string, time: string, zone: string, resolve: LocalResolver): WhenResult {
  const r = resolve({ date, time, zone });
  if (!r.ok) return refused(r.reason === 'invalid_date' ? `${date} ${time} is not a real date and time. ${EXAMPLES}.` : r.message);
  return { ok: true, epochMs: r.epochMs, ambiguous: r.ambiguous, local: { date, time } };
}

/** A calendar date that exists (no 30 February); Date.parse would roll it over silently. */
function realDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/**
 * Why a date written beside a time that is wrong too does not exist ("2026-13-40": no month 13,
 * no day 40), so both are fixed at once; null when it exists. `written` is the date as the cell
 * has it, `form` how to write it instead.
 */
function dateProblem(year: number, month: number, day: number, written: string, form: string): string | null {
  if (realDate(`${year}-${pad(month)}-${pad(day)}`)) return null;
  const realMonth = month >= 1 && month <= 12;
  const days = realMonth ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 31;
  const wrong: string[] = [];
  if (!realMonth) wrong.push(`no month ${month}`);
  if (day < 1 || day > days) wrong.push(realMonth ? `no day ${day} in that month (it has ${days})` : `no day ${day}`);
  return `The date ${written} does not exist: there is ${wrong.join(' and ')}. Write the date as ${form}.`;
}

export function parseWhen(raw: string, zone: string, dateOrder: 'dmy' | 'mdy', resolve: LocalResolver = resolveLocal): WhenResult {
  const text = raw.trim();
  if (!text) return refused(`Add the date and time the post goes out. ${EXAMPLES}.`);

  const iso = ISO_WITH_OFFSET.exec(text);
  if (iso) {
    if ((iso[4] !== undefined && Number(iso[4]) !== 0) || (iso[5] !== undefined && Number(iso[5]) !== 0)) {
      return refused('Loomcast schedules to the minute: drop the seconds.');
    }
    const offset = iso[6]!.toUpperCase() === 'Z' ? 'Z' : /^([+-]\d{2}):?(\d{2})?$/.exec(iso[6]!)!.slice(1).map((x) => x ?? '00').join(':');
    const epochMs = Date.parse(`${iso[1]}T${pad(Number(iso[2]))}:${iso[3]}:00${offset}`);
    if (!realDate(iso[1]!) || Number(iso[2]) > 23 || Number.isNaN(epochMs)) return refused(`“${text}” is not a real date and time. ${EXAMPLES}.`);
    return { ok: true, epochMs, ambiguous: false, local: null };
  }

  const local = ISO_LOCAL.exec(text);
  if (local) {
    const date = `${local[1]}-${pad(Number(local[2]))}-${pad(Number(local[3]))}`;
    const t = local[4] === undefined ? { error: `Add the time to ${date}, e.g. ${date} 09:30 (24-hour).` } : wallTime(local[4], local[5]!, local[6], local[7]);
    if ('error' in t) {
      const badDate = dateProblem(Number(local[1]), Number(local[2]), Number(local[3]), `${local[1]}-${local[2]}-${local[3]}`, 'year-month-day, e.g. 2026-12-01');
      return refused(...(badDate ? [badDate] : []), t.error);
    }
    return fromLocal(date, t.time, zone, resolve);
  }

  const slashed = SLASHED.exec(text);
  if (slashed) {
    // Dots are day-first everywhere they are used; slashes follow the creator's choice.
    const dayFirst = slashed[2] === '.' || dateOrder === 'dmy';
    const [a, b] = [Number(slashed[1]), Number(slashed[3])];
    const [day, month] = dayFirst ? [a, b] : [b, a];
    const year = Number(slashed[4]);
    const date = `${year}-${pad(month)}-${pad(day)}`;
    const t = slashed[5] === undefined ? { error: `Add the time to ${text}, e.g. ${text} 09:30 (24-hour).` } : wallTime(slashed[5], slashed[6]!, slashed[7], slashed[8]);
    if (month > 12 || 'error' in t) {
      const problems: string[] = [];
      if (month > 12) {
        const other = dayFirst ? 'month first (12/31/2026)' : 'day first (31/12/2026)';
        problems.push(`${text} has no month ${month}. If your file writes the ${dayFirst ? 'month' : 'day'} first, choose “${other}” for the date order.`);
      } else {
        const sep = slashed[2]!;
        const form = dayFirst ? `day${sep}month${sep}year, e.g. 01${sep}12${sep}2026` : `month${sep}day${sep}year, e.g. 12${sep}01${sep}2026`;
        const badDate = dateProblem(year, month, day, `${slashed[1]}${sep}${slashed[3]}${sep}${slashed[4]}`, form);
        if (badDate) problems.push(badDate);
      }
      if ('error' in t) problems.push(t.error);
      return refused(...problems);
    }
    return fromLocal(date, t.time, zone, resolve);
  }

  return refused(`“${text}” is not a date and time Loomcast can read. ${EXAMPLES}.`);
}

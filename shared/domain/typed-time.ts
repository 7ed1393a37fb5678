/**
 * A time of day as a person types it, read into the "HH:mm" (24-hour) form Loomcast keeps, and
 * the arrow-key step of a time field. Pure: the renderer's TimeInput shows and edits with it.
 *
 * What reads as a time, whatever clock the creator chose in Settings:
 * - 24-hour: "14:30", "9:05", "09.30", "0930", "930", "9", "14";
 * - with am or pm (any case, spaces, dots: "2:30 pm", "2:30PM", "2.30 p.m.", "9am", "12 AM"),
 *   the hour then 1–12: 12 am is midnight, 12 pm noon.
 *
 * The rule for a bare time (no am or pm) is the same in every Time format: it is read on the
 * 24-hour clock. "2:30" is 02:30 (2:30 AM) even for a creator who reads 12-hour times, and
 * "14:30" is 14:30. A guess from the creator's clock would make the same keys mean different
 * times on different machines; the field shows what it understood ("2:30 AM") as soon as the
 * creator leaves it, so a morning read by mistake is seen at once.
 *
 * Minutes are two digits ("2:5" is not a time: it could mean 2:05 or 2:50).
 */

export type TypedTime = { ok: true; time: string; minutes: number } | { ok: false; reason: 'empty' | 'unreadable' };

export const MINUTES_PER_DAY = 1440;

const pad = (n: number) => String(n).padStart(2, '0');

/** A minute of the day (0–1439) as "HH:mm". */
export const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** "HH:mm" as a minute of the day, or null when it is not one. */
export function minutesOf(time: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? h * 60 + min : null;
}

// "am", "a.m.", "a" (and pm's); narrow no-break spaces as ICU writes them count as spaces.
const MERIDIEM = /^(.*?)\s*([ap])\.?\s*(?:m\.?)?$/;
// An hour, then a ":" or "." and two-digit minutes; or 1–4 digits on their own.
const SEPARATED = /^(\d{1,2})\s*[:.]\s*(\d{2})$/;
const RUN = /^\d{1,4}$/;

function clock(text: string): { h: number; m: number } | null {
  const sep = SEPARATED.exec(text);
  if (sep) return { h: Number(sep[1]), m: Number(sep[2]) };
  if (!RUN.test(text)) return null;
  // "9" and "14" are hours; "930" and "0930" an hour and its minutes.
  if (text.length <= 2) return { h: Number(text), m: 0 };
  return { h: Number(text.slice(0, -2)), m: Number(text.slice(-2)) };
}

/** What a person typed as a time of day, read as "HH:mm"; see the rules above. */
export function parseTypedTime(typed: string): TypedTime {
  const text = typed.replace(/[\u00a0\u202f\u2009]/g, ' ').trim().toLowerCase();
  if (text === '') return { ok: false, reason: 'empty' };
  const meridiem = MERIDIEM.exec(text);
  const t = clock(meridiem ? meridiem[1]!.trim() : text);
  if (!t || t.m > 59) return { ok: false, reason: 'unreadable' };
  let h = t.h;
  if (meridiem) {
    if (h < 1 || h > 12) return { ok: false, reason: 'unreadable' };
    h = (h % 12) + (meridiem[2] === 'p' ? 12 : 0);
  } else if (h > 23) {
    return { ok: false, reason: 'unreadable' };
  }
  const minutes = h * 60 + t.m;
  return { ok: true, time: hhmm(minutes), minutes };
}

/**
 * The arrow keys' step: to the next (or previous) quarter of an hour, wrapping past midnight.
 * A time between quarters goes to the nearest one in that direction (14:37 up is 14:45, down
 * 14:30), as a clock's quarter marks would.
 */
export function stepTime(minutes: number, direction: 1 | -1, step = 15): number {
  const onMark = minutes % step === 0;
  const next = direction === 1 ? Math.floor(minutes / step) * step + step : onMark ? minutes - step : Math.floor(minutes / step) * step;
  return ((next % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/**
 * What a time field says when its text is not a time: what to type, with an example written the
 * way the creator reads times (14:30, or 2:30 PM).
 */
export function typedTimeProblem(typed: string, format: { wallTime(minutes: number): string }): string {
  const example = format.wallTime(14 * 60 + 30);
  const text = typed.trim();
  if (text === '') return `Type a time, like ${example}.`;
  return `“${text.length > 24 ? `${text.slice(0, 24)}…` : text}” isn’t a time Loomcast can read. Type one like ${example}.`;
}

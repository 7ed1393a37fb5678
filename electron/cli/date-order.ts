/**
 * How `loomcast import` reads a slashed date such as 03/04/2027: in the order the creator's
 * locale writes dates (the locale in Loomcast's settings, which the app's window reports from the
 * OS), month first in the US and day first in Britain, as the app's Import screen starts; or as
 * --date-order says. Dotted dates (3.4.2027) are day first everywhere and not affected.
 */
import { localeDateOrder } from '../../shared/domain/datetime-format';
import { usageError } from './context';

export type DateOrder = 'dmy' | 'mdy';

export interface ChosenOrder {
  order: DateOrder;
  /** The flag given, or the locale the order was taken from. */
  from: { flag: true } | { locale: string };
}

/** The order --date-order names, checked before anything is read or asked; undefined without the flag. */
export function dateOrderFlag(value: string | undefined): DateOrder | undefined {
  if (value !== undefined && value !== 'dmy' && value !== 'mdy') throw usageError(`--date-order takes dmy or mdy, not "${value}".`);
  return value;
}

/** The order the flag gives, or, without it, the one the locale writes dates in (asked only then). */
export async function chooseDateOrder(flag: DateOrder | undefined, locale: () => Promise<string>): Promise<ChosenOrder> {
  if (flag) return { order: flag, from: { flag: true } };
  const tag = await locale();
  return { order: localeDateOrder(tag), from: { locale: tag } };
}

const SLASHED = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

/** The first date of these that reads as two different days, day first or month first (03/04/2027), or null. */
export function ambiguousSlashedDate(whens: readonly string[]): string | null {
  for (const when of whens) {
    const m = SLASHED.exec(when);
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a >= 1 && a <= 12 && b >= 1 && b <= 12 && a !== b) return `${m[1]}/${m[2]}/${m[3]}`;
  }
  return null;
}

/** "3 April 2027" or "March 4, 2027": the date as the order reads it, in the words of the app's picker. */
function readAs(date: string, order: DateOrder): string {
  const [a, b, year] = date.split('/').map(Number) as [number, number, number];
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  return new Intl.DateTimeFormat(order === 'dmy' ? 'en-GB' : 'en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

/** A line saying which order read `example` (a date both orders can read) and why, and how to read it the other way. */
export function dateOrderNote(example: string, chosen: ChosenOrder): string {
  const name = (order: DateOrder) => (order === 'dmy' ? 'day first' : 'month first');
  const other: DateOrder = chosen.order === 'dmy' ? 'mdy' : 'dmy';
  const why = 'flag' in chosen.from ? `as --date-order ${chosen.order} says` : `the order of your locale (${chosen.from.locale}, from Loomcast's settings)`;
  return `Slashed dates were read ${name(chosen.order)}, ${why}: ${example} is ${readAs(example, chosen.order)}. For ${readAs(example, other)}, run it again with --date-order ${other}.`;
}

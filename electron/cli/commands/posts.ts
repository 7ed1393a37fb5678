import { DateTime } from 'luxon';
import { MAX_RANGE_DAYS, type CalendarPostDto } from '../../../shared/contract/features/calendar';
import { TARGET_STATES, type TargetState } from '../../../shared/domain/states';
import { EXIT } from '../client';
import type { Command } from '../command';
import { usageError } from '../context';
import { dayStartOf, parseInstant, windows } from '../dates';
import { accountMap, postLine } from '../describe';

/** The longest range one `posts list` reads (in windows of MAX_RANGE_DAYS, the calendar's own limit). */
export const MAX_LIST_DAYS = 366;

export const posts: Command = {
  name: 'posts',
  summary: 'posts list --from DATE --to DATE: posts due in a range, soonest first',
  usage: `loomcast posts list [--from DATE] [--to DATE] [--state STATE ...] [--json]
  --from DATE   first day (YYYY-MM-DD in the app's time zone, or an ISO instant); default today
  --to DATE     last day, included (or an ISO instant, excluded); default a week after --from
  --state S     only copies in this state (${TARGET_STATES.join(', ')}); repeatable
  At most ${MAX_LIST_DAYS} days at a time.`,
  options: { from: { type: 'string' }, to: { type: 'string' }, state: { type: 'string', multiple: true } },
  async run(ctx, values, positionals) {
    const [sub, ...rest] = positionals;
    if (sub !== 'list') throw usageError(sub ? `"posts ${sub}" is not a command. Did you mean "posts list"?` : 'Say what to do with posts: loomcast posts list --from DATE --to DATE');
    if (rest.length) throw usageError(`posts list takes no further words ("${rest.join(' ')}").`);
    const states = (values.state as string[] | undefined) ?? [];
    for (const s of states) if (!(TARGET_STATES as readonly string[]).includes(s)) throw usageError(`--state takes one of ${TARGET_STATES.join(', ')}, not "${s}".`);
    const api = await ctx.api();
    const { zone, format } = await ctx.prefs();
    const from = values.from ? parseInstant(values.from as string, zone, '--from') : dayStartOf(DateTime.now().setZone(zone));
    const to = values.to ? parseInstant(values.to as string, zone, '--to', true) : from.plus({ days: 7 });
    if (to <= from) throw usageError('--to must come after --from.');
    if (to.diff(from, 'days').days > MAX_LIST_DAYS) throw usageError(`Ask for at most ${MAX_LIST_DAYS} days at a time.`);
    const seen = new Map<string, CalendarPostDto>();
    for (const w of windows(from, to, MAX_RANGE_DAYS)) {
      const page = await api.call('posts:range', { ...w, ...(states.length ? { states: states as TargetState[] } : {}) });
      for (const p of page) if (!seen.has(p.id)) seen.set(p.id, p);
    }
    const list = [...seen.values()];
    if (ctx.json) {
      ctx.printJson(list);
      return EXIT.ok;
    }
    const accounts = accountMap(await api.call('accounts:list'));
    const span = `${from.toFormat('yyyy-LL-dd')} to ${to.minus({ milliseconds: 1 }).toFormat('yyyy-LL-dd')} (${zone})`;
    if (list.length === 0) ctx.out(`No posts from ${span}.`);
    else {
      ctx.out(`${list.length} ${list.length === 1 ? 'post' : 'posts'} from ${span}:`);
      for (const p of list) ctx.out(`  ${postLine(p, accounts, zone, format)}`);
    }
    return EXIT.ok;
  },
};

import { EXIT } from '../client';
import type { Command } from '../command';
import { usageError } from '../context';
import { parseAt, repeatedTimeNote } from '../dates';
import { accountMap, outcome } from '../describe';
import { resolveDestinations } from '../targets';

export const post: Command = {
  name: 'post',
  summary: 'post "text" --to bluesky:@me [--at "2026-12-24 09:00"]: a draft, or a scheduled post',
  usage: `loomcast post "text" --to PLATFORM:@HANDLE [--to ...] [--at "YYYY-MM-DD HH:mm"] [--json]
  --to       where it goes: platform:@handle, an account id, or a platform with one account; repeatable
  --at       when, in the app's time zone (Settings), or an ISO instant with its offset;
             without --at the post is saved as a draft. A time that does not exist or happens
             twice when the clocks change is handled as in the app (refused, or the first one).
  As in the app, the post may wait in Review before it is scheduled (Settings → Review).`,
  options: { to: { type: 'string', multiple: true }, at: { type: 'string' } },
  async run(ctx, values, positionals) {
    if (positionals.length !== 1) throw usageError(positionals.length === 0 ? 'Give the text of the post in quotes: loomcast post "Hello" --to bluesky:@me' : 'Put the text of the post in quotes: it is one argument.');
    const text = positionals[0]!;
    const api = await ctx.api();
    const accounts = await api.call('accounts:list');
    const dest = resolveDestinations((values.to as string[] | undefined) ?? [], accounts);
    const { zone, format } = await ctx.prefs();
    const schedule = typeof values.at === 'string' ? parseAt(values.at, zone) : null;
    const created = await api.call('posts:create', { text, schedule, ...dest });
    if (ctx.json) ctx.printJson(created);
    else {
      ctx.out(outcome(created, accountMap(accounts), zone, format));
      const note = repeatedTimeNote(schedule, zone);
      if (note) ctx.out(note);
    }
    return EXIT.ok;
  },
};

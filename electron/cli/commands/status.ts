import { blockedWords, canPost, nothingCanPostWords } from '../../../shared/domain/publishing-words';
import { EXIT } from '../client';
import type { Command } from '../command';
import { accountLabel, accountState, excerpt } from '../describe';

const SOURCE_WORDS = { default: 'the usual folder', picked: 'picked in the app', env: 'from LOOMCAST_DATA_DIR', flag: 'from --data-dir' } as const;

export const status: Command = {
  name: 'status',
  summary: 'status: whether Loomcast is running, its data folder, accounts, queue and next post',
  usage: 'loomcast status [--json] [--data-dir DIR]',
  options: {},
  async run(ctx) {
    const conn = await ctx.connection();
    const api = conn.client;
    const [info, accounts, summary, publishing] = await Promise.all([api.call('app:info'), api.call('accounts:list'), api.call('posts:summary'), api.call('publishing:status')]);
    if (ctx.json) {
      ctx.printJson({ running: true, url: api.url, mode: conn.discovery?.mode ?? info.mode, info, accounts, summary, publishing });
      return EXIT.ok;
    }
    const { zone, format } = await ctx.prefs();
    const mode = conn.discovery?.mode ?? info.mode;
    ctx.out(`Loomcast ${info.version} is running (${mode === 'desktop' ? 'desktop app' : mode === 'headless' ? 'service' : 'browser mode'}) at ${api.url}`);
    ctx.out(`Data folder: ${info.dataDir} (${SOURCE_WORDS[info.dataDirSource]})`);
    ctx.out(`Time zone: ${zone}`);
    if (accounts.length === 0) ctx.out('Accounts: none connected yet (Settings → Accounts)');
    else {
      ctx.out('Accounts:');
      for (const a of accounts) ctx.out(`  ${accountLabel(a)} — ${accountState(a, Date.parse(summary.asOf), zone, format)}`);
    }
    ctx.out(`Posts: ${summary.scheduled} scheduled, ${summary.review} in Review, ${summary.drafts} ${summary.drafts === 1 ? 'draft' : 'drafts'}, ${summary.attention} need attention`);
    // As the status line says it: "on" only while an account can post, and no next post promised otherwise.
    const stuck = !publishing.paused && !accounts.some(canPost);
    const state = publishing.paused
      ? `paused${publishing.pausedAt ? ` since ${format.dayTime(Date.parse(publishing.pausedAt), zone, { withZone: true })}` : ''}`
      : stuck
        ? `off (${nothingCanPostWords(accounts).sentence})`
        : 'on';
    ctx.out(`Publishing: ${state} · ${publishing.queued} ${publishing.queued === 1 ? 'copy' : 'copies'} waiting to go out`);
    for (const b of publishing.blocked) ctx.out(`Held: ${blockedWords(b)}`);
    const next = publishing.next;
    if (next && !stuck) ctx.out(`Next post${publishing.paused ? ' (once resumed)' : ''}: ${format.dayTime(Date.parse(next.at), zone, { withYear: true, withZone: true })} · ${next.accounts.map(accountLabel).join(', ') || 'no account'} · "${excerpt(next.excerpt)}" [${next.postId}]`);
    else if (stuck || publishing.blocked.length > 0) ctx.out('Next post: none can go out');
    else ctx.out('Next post: nothing scheduled');
    return EXIT.ok;
  },
};

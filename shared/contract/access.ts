/**
 * What each channel does, for scoped tokens of the local API (Settings → Agents and scripts):
 * - read: changes nothing (lists, reads, previews, exports answered in the response), and reads
 *   no file on this computer (the import's previews are write: they look at media files by path);
 * - draft: makes or edits drafts, sends them to review, captures ideas: nothing it does goes out
 *   (the core holds whatever a drafts-only token schedules in Review: posts/agent-review.ts);
 * - write: everything else a creator does with posts, schedules, campaigns, alerts…;
 * - admin: Loomcast itself: settings, accounts and sign-ins, secrets (keys, webhooks, the calendar
 *   feed's link), tokens, backups, the workspace and the data folder.
 * A `read` token may call read channels; `drafts` read and draft; `full` all but admin; the
 * app's own token everything. Every channel is listed: a new one fails the unit test until it is.
 */
import type { ChannelName } from './channels';
import type { TokenScopeName } from './features/api-tokens';

export type ChannelAccess = 'read' | 'draft' | 'write' | 'admin';

const list = <A extends ChannelAccess, C extends ChannelName>(access: A, names: readonly C[]) => Object.fromEntries(names.map((n) => [n, access])) as Record<C, A>;

export const CHANNEL_ACCESS: Record<ChannelName, ChannelAccess> = {
  ...list('read', [
    'app:info', 'settings:get', 'platforms:capabilities', 'accounts:list', 'accounts:connectStatus',
    'posts:list', 'posts:page', 'posts:lists', 'posts:get', 'posts:versions', 'posts:range', 'posts:calendar', 'posts:search', 'posts:summary', 'posts:links',
    'review:list', 'ideas:list', 'templates:list', 'templates:get', 'templates:render', 'voices:list', 'voices:examples', 'pillars:list',
    'campaigns:list', 'campaigns:postCampaigns', 'guard:check', 'guard:settings',
    'experiments:list', 'experiments:get', 'experiments:variantSets', 'generation:list',
    'alerts:list', 'alerts:rules', 'notifications:switches', 'desktop:loginItem',
    'analytics:overview', 'analytics:growth', 'analytics:exportCsv', 'analytics:bestTimes', 'analytics:whatWorks', 'analytics:bands',
    'metrics:status', 'metrics:refreshStatus', 'reports:weekly', 'reports:weeklyCsv', 'planner:preview', 'planner:provenance',
    'queue:slots', 'queue:nextFree', 'queue:recurrence', 'queue:repeating', 'publishing:status', 'publishing:threadParts',
    'io:exportCsv', 'io:exportIcs', 'io:feed',
    'media:forPost', 'media:thumbnail', 'media:usage', 'links:preview', 'posts:deleted',
  ]),
  ...list('draft', [
    'posts:create', 'posts:duplicate', 'posts:update', 'posts:restoreVersion', 'posts:setPillar', 'posts:setVoice',
    'compose:setOverrides', 'media:upload', 'media:setForPost', 'templates:use', 'review:send',
    'ideas:capture', 'ideas:update', 'ideas:archive', 'ideas:unarchive', 'ideas:toPost', 'ideas:undoToPost',
    'generation:variants', 'generation:fromIdea', 'generation:slots', 'generation:rewrite', 'generation:cancel', 'generation:retry', 'generation:prioritize',
    'hashtags:suggest', 'planner:commit',
  ]),
  ...list('write', [
    'posts:delete', 'posts:deleteMany', 'posts:restore', 'posts:forget', 'posts:reschedule', 'posts:shift', 'posts:undo', 'compose:publishNow', 'review:approve', 'review:approveAll', 'review:reject',
    'ideas:delete', 'queue:setSlots', 'queue:add', 'queue:setRecurrence', 'queue:clearRecurrence',
    'campaigns:save', 'campaigns:delete', 'campaigns:assign', 'campaigns:applyUtm', 'campaigns:guardCheck', 'campaigns:resume',
    'templates:save', 'templates:duplicate', 'templates:delete',
    'voices:save', 'voices:delete', 'voices:pinExample', 'voices:unpinExample', 'voices:dropExample', 'pillars:save', 'pillars:delete',
    'experiments:create', 'experiments:stop', 'experiments:rollout',
    'alerts:markRead', 'alerts:acknowledge', 'alerts:snooze', 'alerts:check', 'alerts:setRules',
    'analytics:setBands', 'guard:setSettings', 'notifications:setSwitches', 'metrics:refresh', 'metrics:cancelRefresh',
    'publishing:pause', 'publishing:resume', 'publishing:publishNext', 'publishing:settleUnconfirmed', 'publishing:tryAgain', 'publishing:continueThread',
    'io:importCommit', 'io:importCancel', 'reports:savePdf', 'accounts:cancelConnect',
    // They change nothing, but they read files on this computer (a row's media, by path): a token
    // that may not import may not learn which files exist, their type or their size.
    'io:importPreview', 'io:importCheck',
  ]),
  ...list('admin', [
    'settings:update', 'accounts:connect', 'accounts:disconnect', 'apps:list', 'apps:set',
    'bucket:get', 'bucket:set', 'bucket:test', 'bucket:clear',
    'webhooks:list', 'webhooks:create', 'webhooks:update', 'webhooks:delete', 'webhooks:secret', 'webhooks:test', 'webhooks:deliveries',
    'writing:get', 'writing:set', 'writing:setKey', 'writing:test',
    'io:feedStatus', 'io:feedEnable', 'io:feedRotate', 'io:feedDisable',
    'backups:list', 'backups:create', 'backups:restore', 'workspace:export', 'workspace:replace',
    'desktop:setLoginItem', 'desktop:moveDataFolder', 'desktop:cancelMove',
    'apiTokens:list', 'apiTokens:create', 'apiTokens:revoke',
  ]),
};

/** What each scope of token may call. */
export const SCOPE_ALLOWS: Record<TokenScopeName, readonly ChannelAccess[]> = {
  read: ['read'],
  drafts: ['read', 'draft'],
  full: ['read', 'draft', 'write'],
};

/** The scope in words, as Settings shows it and refusals say it. */
export const SCOPE_LABELS: Record<TokenScopeName, string> = { read: 'Read only', drafts: 'Drafts only', full: 'Full access' };

/** Whether a token of `scope` may call `channel` (an unknown channel: no, the host answers 404 first). */
export function scopeAllows(scope: TokenScopeName, channel: ChannelName): boolean {
  const access = CHANNEL_ACCESS[channel] as ChannelAccess | undefined;
  return access !== undefined && SCOPE_ALLOWS[scope].includes(access);
}

import { AppError } from '../../../shared/contract';
import { currentRequest } from '../rpc/request-context';
import { createSettingsStore } from '../settings/settings-store';
import type { Db } from '../store/open';

const silent = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Who may not put a post on its way out without the creator's approval: an agent while "Posts
 * made by agents wait in Review" is on (Settings → Agents and scripts, on by default), and any
 * client with a drafts-only token. While it holds, what they make or schedule waits in Review, and
 * they cannot approve or publish what has not been approved.
 */
export function createAgentReview(db: Db) {
  const store = createSettingsStore({ db, log: silent });
  const scopeOf = db.prepare<[string], { scope: string }>('SELECT scope FROM api_tokens WHERE id = ?');
  const holder = (): 'agent' | 'drafts' | null => {
    const r = currentRequest();
    if (r.actor === 'user') return null;
    if (r.tokenId !== null && scopeOf.get(r.tokenId)?.scope === 'drafts') return 'drafts';
    return r.actor === 'agent' && store.get('agentPostsWaitInReview') ? 'agent' : null;
  };
  return {
    /** True while answering an agent with the rule on, or a drafts-only token. */
    applies: (): boolean => holder() !== null,
    /** True while answering a drafts-only token, which may not take anything off the schedule either. */
    draftsOnly: (): boolean => holder() === 'drafts',
    /** Throws the typed refusal when the rule applies; `what` says what was asked ("approve posts"). */
    refuse(what: string): void {
      const who = holder();
      if (who === null) return;
      const client = currentRequest().client;
      throw new AppError(
        'forbidden',
        who === 'drafts'
          ? `A drafts-only token can't ${what}: what it makes waits in Review for you to approve.`
          : `An agent${client ? ` (${client})` : ''} can't ${what}: posts made by agents wait in Review for you. Approve them in Review, or turn off "Posts made by agents wait in Review" in Settings → Agents and scripts.`,
      );
    },
  };
}

export type AgentReview = ReturnType<typeof createAgentReview>;

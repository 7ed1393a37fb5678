import { AppError } from '../../../shared/contract';
import { currentRequest, isAgentRequest } from '../rpc/request-context';
import { createSettingsStore } from '../settings/settings-store';
import type { Db } from '../store/open';

const silent = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * The "Posts made by agents wait in Review" rule (Settings → Agents and scripts, on by default):
 * while it holds, what an agent makes or schedules waits in Review, and an agent cannot approve
 * or publish what has not been approved.
 */
export function createAgentReview(db: Db) {
  const store = createSettingsStore({ db, log: silent });
  const applies = (): boolean => isAgentRequest() && store.get('agentPostsWaitInReview');
  return {
    /** True while answering an agent with the rule on. */
    applies,
    /** Throws the typed refusal when the rule applies; `what` says what the agent asked for ("approve posts"). */
    refuse(what: string): void {
      if (!applies()) return;
      const client = currentRequest().client;
      throw new AppError(
        'forbidden',
        `An agent${client ? ` (${client})` : ''} can't ${what}: posts made by agents wait in Review for you. You can approve them in Review, or turn off "Posts made by agents wait in Review" in Settings → Agents and scripts.`,
      );
    },
  };
}

export type AgentReview = ReturnType<typeof createAgentReview>;

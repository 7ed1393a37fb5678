import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who made the request a handler is answering. The app's own windows are the creator ('user');
 * a client that names itself an agent or a script over the local API, or uses a scoped token,
 * is recorded as such (audit log, the post's "made by"), and agents' posts wait in Review.
 */
export type RequestActor = 'user' | 'agent' | 'script';

export interface RequestContext {
  actor: RequestActor;
  /** The client's own name (X-Loomcast-Client), e.g. "claude-ai" or "loomcast-cli". */
  client: string | null;
  /** The scoped token the request came with; null for the app's own token and windows. */
  tokenId: string | null;
}

/** A request with no context (a window over IPC, the core's own work) is the creator's. */
export const USER_REQUEST: Readonly<RequestContext> = Object.freeze({ actor: 'user', client: null, tokenId: null });

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it awaits or starts) as the given request. */
export function runInRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(Object.freeze({ ...ctx }), fn);
}

/** Runs `fn` as no request: background work a request wakes (the scheduler) is not the requester's. */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** The request being answered; the creator's when none was given. */
export function currentRequest(): Readonly<RequestContext> {
  return storage.getStore() ?? USER_REQUEST;
}

/** True while answering an agent (an AI through MCP, or any client that said X-Loomcast-Actor: agent). */
export const isAgentRequest = (): boolean => currentRequest().actor === 'agent';

// Types only from the contract's index, and AppError from its schema-free module: a value imported
// from the index would build every channel's zod schema before the first screen draws.
import { AppError, type RpcErrorBody, type RpcResult } from '../../../shared/contract/errors';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  LoomcastBridge,
} from '../../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    api?: LoomcastBridge;
  }
}

const TOKEN_KEY = 'loomcast.token';

/** Browser mode: the host printed a URL with ?token=…; keep it for this tab and hide it. */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpBridge(token: string | null): LoomcastBridge {
  const post = async (channel: string, input: unknown): Promise<RpcResult<unknown>> => {
    let res: Response;
    try {
      res = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'Loomcast is not answering. Is `npm run web` still running?' } };
    }
    const body = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, value: body };
    const error = (body as { error?: RpcErrorBody } | null)?.error;
    return { ok: false, error: error ?? { code: 'internal', message: `Loomcast answered ${res.status}` } };
  };
  // Any channel by name: the host knows the channels (an unknown one answers not_found), so the
  // page needs no list of them.
  const rpc = new Proxy({} as LoomcastBridge['rpc'], {
    get: (_target, channel) => (typeof channel === 'string' ? (input: unknown) => post(channel, input) : undefined),
  });

  type Listener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    source.onmessage = (msg) => {
      const { event, payload } = JSON.parse(msg.data as string) as { event: string; payload: unknown };
      // An event nobody listens to (or one this page does not know) has no listeners.
      listeners.get(event as EventName)?.forEach((l) => l(payload));
    };
  };

  return {
    rpc,
    subscribe(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  };
}

export interface ApiClient {
  mode: 'desktop' | 'browser';
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The renderer's only way to reach the core, in Electron and in a browser alike. */
export function createApiClient(): ApiClient {
  const bridge = window.api ?? httpBridge(takeToken());
  return {
    mode: window.api ? 'desktop' : 'browser',
    async call(channel, input) {
      const fn = bridge.rpc[channel] as (input: unknown) => Promise<RpcResult<unknown>>;
      const result = await fn(input);
      if (!result.ok) throw AppError.fromBody(result.error);
      return result.value as ChannelOutput<typeof channel>;
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
  };
}

export const api: ApiClient = createApiClient();

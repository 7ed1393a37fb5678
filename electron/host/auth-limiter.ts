/**
 * Wrong tokens, counted per client address: with `--allow-remote` anyone on the network can try
 * tokens, so after `maxFailures` different wrong tokens from one address within `windowMs` (from
 * the first of them), that address is answered 429 until the window has passed, the right token
 * included (else the lockout would still tell a right guess from a wrong one).
 *
 * Loopback is not counted: a lockout there would lock the creator's own page, CLI and agents out,
 * and any web page can make the browser send a GET to 127.0.0.1 without an Origin header (an
 * image's address with `?token=` for the event stream): ten of those a minute would do it. The
 * tokens are 24 random bytes, which no rate of guessing from this computer comes near.
 *
 * Only different wrong tokens count: a guesser sends a new one each time, while a stale browser
 * tab or a misconfigured script repeats the one it has, and must not lock the creator out. A
 * missing token is not a guess and is not counted; successful requests change nothing.
 * The time comes from `now`, so tests need no sleeping; nothing runs on a timer. */
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';

export interface AuthLimitOptions {
  /** Different wrong tokens from one address before it is refused; 10 unless given. */
  maxFailures?: number;
  /** How long an address's count lasts from its first wrong token, and so the longest lockout; 60 s unless given. */
  windowMs?: number;
  now?: () => number;
  /** Addresses tracked at once; past it the oldest is forgotten (memory stays bounded). */
  maxClients?: number;
  /** Count loopback too (tests over 127.0.0.1 only): by default it is never locked out (see above). */
  countLoopback?: boolean;
}

/** 127.0.0.0/8, ::1, and 127.x written as IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = /^(?:::ffff:)?(\d+)\.\d+\.\d+\.\d+$/i.exec(address);
  if (v4) return v4[1] === '127';
  return groupsOf(address)?.every((g, i) => g === (i === 7 ? '1' : '0')) ?? false;
}

/** Different wrong tokens one address may send per window, and the window, unless the host is told otherwise. */
export const AUTH_MAX_FAILURES = 10;
export const AUTH_WINDOW_MS = 60_000;

interface Entry {
  since: number;
  tokens: Set<string>;
}

/** Expands an IPv6 address to its eight groups, or null when it is not one. */
function groupsOf(address: string): string[] | null {
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare) || bare.includes('.')) return null;
  const [head, tail] = bare.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The key a client is counted under: an IPv4 address as is (also when mapped into IPv6), an IPv6
 * address by its /64 network, which one machine can fill with addresses of its own at will.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const groups = groupsOf(address);
  if (!groups) return address;
  if (groups.slice(0, 7).every((g) => g === '0')) return address; // :: and ::1
  return `${groups.slice(0, 4).join(':')}::/64`;
}

export function createAuthLimiter(o: AuthLimitOptions = {}) {
  const maxFailures = o.maxFailures ?? AUTH_MAX_FAILURES;
  const windowMs = o.windowMs ?? AUTH_WINDOW_MS;
  const now = o.now ?? Date.now;
  const maxClients = o.maxClients ?? 10_000;
  const counted = (address: string | undefined) => o.countLoopback === true || !isLoopback(address);
  const entries = new Map<string, Entry>();

  const current = (key: string, at: number): Entry | undefined => {
    const e = entries.get(key);
    if (e && at - e.since >= windowMs) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  return {
    /** Seconds until `address` may try again, or null when it is not refused. */
    retryAfter(address: string | undefined): number | null {
      if (!counted(address)) return null;
      const at = now();
      const e = current(clientKey(address), at);
      if (!e || e.tokens.size < maxFailures) return null;
      return Math.max(1, Math.ceil((e.since + windowMs - at) / 1000));
    },

    /** Counts a wrong token from `address` (the same wrong token twice counts once). */
    failed(address: string | undefined, token: string): void {
      if (!counted(address)) return;
      const at = now();
      const key = clientKey(address);
      let e = current(key, at);
      if (!e) {
        if (entries.size >= maxClients) {
          for (const [k, old] of entries) if (at - old.since >= windowMs) entries.delete(k);
          if (entries.size >= maxClients) entries.delete(entries.keys().next().value!);
        }
        e = { since: at, tokens: new Set() };
        entries.set(key, e);
      }
      if (e.tokens.size < maxFailures) e.tokens.add(createHash('sha256').update(token).digest('base64'));
    },
  };
}

export type AuthLimiter = ReturnType<typeof createAuthLimiter>;

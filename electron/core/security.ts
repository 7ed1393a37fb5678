import { PLATFORM_LINK_HOSTS } from './link-hosts';

/**
 * One Content-Security-Policy for the renderer in both shells: no inline scripts, no remote
 * code, network only back to Loomcast itself. Styles allow 'unsafe-inline' for React style
 * props; scripts never do.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** What, besides the platforms' own hosts, a link may point at. */
export interface ExternalLinkContext {
  /** Hosts allowed with their subdomains; the platforms' and help pages' (link-hosts.ts) by default. */
  hosts?: readonly string[];
  /** The creator's connected Mastodon instances and Bluesky servers (their https origins): that exact origin only. */
  servers?: readonly string[];
  /** Sign-in (OAuth authorize) URLs the core built for a connect flow still under way: that exact URL only. */
  authorizeUrls?: readonly string[];
  /** Whether this exact URL is in one of the creator's own posts (its text, a version, a thread part or its published link). */
  inCreatorsPosts?: (href: string) => boolean;
}

export type ExternalLinkVerdict =
  | { ok: true; href: string; because: 'platform' | 'connected_server' | 'connect_flow' | 'own_post' }
  | { ok: false; reason: ExternalLinkRefusal };

export type ExternalLinkRefusal =
  | 'not_a_url'
  | 'not_https'
  | 'credentials'
  | 'ip_address'
  | 'port'
  | 'lookalike_host'
  | 'host_not_allowed';

/** Longer than any link a platform or post uses; a longer one is refused unread. */
const MAX_URL_LENGTH = 4096;

const refuse = (reason: ExternalLinkRefusal): ExternalLinkVerdict => ({ ok: false, reason });

/** The URL's https origin, or null for anything else (a connected server typed as http is never opened). */
function httpsOrigin(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && !u.username && !u.password ? u.origin : null;
  } catch {
    return null;
  }
}

function normalisedHref(raw: string): string | null {
  try {
    return new URL(raw).href;
  } catch {
    return null;
  }
}

/** An IPv4 literal as the URL parser normalises it (0x7f.1 becomes 127.0.0.1), or any IPv6 literal. */
const isIpLiteral = (hostname: string) => hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);

/** `x.com` or a real subdomain of it (`www.x.com`); never `evil-x.com` or `x.com.evil.net`. */
export function hostMatches(hostname: string, allowed: string): boolean {
  const a = allowed.toLowerCase();
  return hostname === a || hostname.endsWith(`.${a}`);
}

/**
 * Decides whether Loomcast may hand a URL to the operating system's browser, and why. Only
 * https, never with a user name or password in it, and only to:
 * - a platform's, sign-in page's or help page's host (link-hosts.ts) or one of its subdomains,
 *   by name: an IP address, a port other than 443 or a punycode (xn--) label never matches;
 * - the exact https origin of a Mastodon instance or Bluesky server the creator connected;
 * - the exact sign-in URL the core built for a connect flow under way;
 * - the exact URL as it appears in one of the creator's own posts (a name, not an IP address, on
 *   the usual port; an international domain name is fine there, since the creator wrote it).
 * Pure: everything it knows comes from `ctx`.
 */
export function checkExternalUrl(raw: unknown, ctx: ExternalLinkContext = {}): ExternalLinkVerdict {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return refuse('not_a_url');
  // The parser would quietly strip these; a link that needs them is not one Loomcast wrote.
  if ([...raw].some((c) => c <= ' ' || c === '\u007f' || c === '\\')) return refuse('not_a_url');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not_a_url');
  }
  if (url.protocol !== 'https:') return refuse('not_https');
  if (url.username || url.password) return refuse('credentials');
  const href = url.href;

  if ((ctx.authorizeUrls ?? []).some((a) => normalisedHref(a) === href)) return { ok: true, href, because: 'connect_flow' };
  if ((ctx.servers ?? []).some((s) => httpsOrigin(s) === url.origin)) return { ok: true, href, because: 'connected_server' };

  const host = url.hostname;
  if (isIpLiteral(host)) return refuse('ip_address');
  // new URL drops :443 on https, so any port left is another one.
  if (url.port !== '') return refuse('port');
  if (host.endsWith('.') || !host.includes('.')) return refuse('host_not_allowed');

  const punycode = host.split('.').some((label) => label.startsWith('xn--'));
  if (!punycode && (ctx.hosts ?? PLATFORM_LINK_HOSTS).some((allowed) => hostMatches(host, allowed))) return { ok: true, href, because: 'platform' };
  if (ctx.inCreatorsPosts?.(href)) return { ok: true, href, because: 'own_post' };
  return refuse(punycode ? 'lookalike_host' : 'host_not_allowed');
}

/** Whether a link may be opened in the creator's browser: see checkExternalUrl. */
export function isSafeExternalUrl(raw: unknown, ctx: ExternalLinkContext = {}): boolean {
  return checkExternalUrl(raw, ctx).ok;
}

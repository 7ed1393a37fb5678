/**
 * Link cards read public web pages only. Anyone who can ask for a preview (an agent with a
 * read-scoped token too) chooses the address, so without this the core would read pages of the
 * creator's own machine and network (a router's admin page, a cloud metadata service) for them.
 *
 * The check sits where the connection is made, not in front of it: node:http's `lookup` hook
 * resolves the name once, refuses it when any of its addresses is not public, and hands the
 * checked addresses to the socket, so a name that answers differently a moment later (DNS
 * rebinding) cannot slip past. An address written in the link is checked before connecting (the
 * socket does not look those up); the WHATWG URL parser has already turned 2130706433, 0x7f.1 and
 * 0177.0.0.1 into 127.0.0.1 by then. Each redirect is a new request through the same check.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { pipeline, Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** The one request a link card makes: a GET that never follows a redirect itself. */
export type PageFetch = (url: string, init: { redirect: 'manual'; signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;

/** Resolves a host name to all of its addresses, as dns.lookup with `all: true` does. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface PublicWebOptions {
  /**
   * Tests only: also read pages on this machine's loopback (127.0.0.0/8, ::1), where their
   * fixture servers listen. The app never sets it; private and link-local addresses stay refused.
   */
  allowLoopback?: boolean;
  /** The name resolver; the system's (dns.lookup) by default. */
  resolve?: Resolve;
}

/** Why a page was not read: its address is not on the public internet. */
export class NotPublicAddressError extends Error {
  readonly code = 'ENOTPUBLIC';
  constructor(readonly host: string) {
    super('the address is on this computer or a private network, and link cards are read from public sites only');
    this.name = 'NotPublicAddressError';
  }
}

// IPv4 ranges that are not public (IANA special-purpose registry, RFC 6890 and successors).
const V4_NOT_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches this machine
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
// The IPv6 prefixes that carry an IPv4 address in their last 32 bits: IPv4-mapped, and NAT64's
// well-known prefix (an IPv6-only network's DNS64 names public IPv4 sites with it). Each is
// written to take a dotted IPv4 address after it.
const V4_IN_V6 = ['::ffff:', '64:ff9b::'];
// Public IPv6 unicast is 2000::/3; everything else (::1, ::, fc00::/7, fe80::/10, ff00::/8, …) is not.
const V6_MAYBE_PUBLIC: [string, number][] = [['2000::', 3], ...V4_IN_V6.map((p): [string, number] => [`${p}0.0.0.0`, 96])];
const V6_NOT_PUBLIC: [string, number][] = [
  ['2001::', 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: an IPv4 address of any kind behind it
  ['3fff::', 20], // documentation
  ...V4_IN_V6.flatMap((prefix) => V4_NOT_PUBLIC.map(([net, bits]): [string, number] => [`${prefix}${net}`, 96 + bits])),
];

function blockList(v4: [string, number][], v6: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [net, bits] of v4) list.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of v6) list.addSubnet(net, bits, 'ipv6');
  return list;
}
const notPublic = blockList(V4_NOT_PUBLIC, V6_NOT_PUBLIC);
const maybePublic6 = blockList([], V6_MAYBE_PUBLIC);
const loopback = blockList([['127.0.0.0', 8]], [['::1', 128], ...V4_IN_V6.map((p): [string, number] => [`${p}127.0.0.0`, 104])]);

/** Whether `address` (an IP address, without brackets) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  try {
    if (family === 4) return !notPublic.check(address, 'ipv4');
    if (family === 6) return maybePublic6.check(address, 'ipv6') && !notPublic.check(address, 'ipv6');
  } catch {
    // An address the block list cannot read (one with a zone, fe80::1%eth0) is no public one.
  }
  return false;
}

function allowedAddress(address: string, options: PublicWebOptions): boolean {
  if (isPublicAddress(address)) return true;
  const family = isIP(address);
  return Boolean(options.allowLoopback) && family !== 0 && loopback.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** node:net's `lookup` hook: one resolution, every address checked, only checked ones connected to. */
function guardedLookup(options: PublicWebOptions) {
  const resolve = options.resolve ?? systemResolve;
  return (hostname: string, opts: { family?: number | string; all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (found) => {
        const family = opts.family === 4 || opts.family === 'IPv4' ? 4 : opts.family === 6 || opts.family === 'IPv6' ? 6 : 0;
        const addresses = found.filter((a) => family === 0 || a.family === family);
        if (addresses.length === 0) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
        // A name with any address that is not public is refused as a whole: which one the socket
        // would try first is not ours to bet on.
        if (!addresses.every((a) => allowedAddress(a.address, options))) return callback(new NotPublicAddressError(hostname), '');
        if (opts.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

function decoded(res: IncomingMessage): Readable {
  const coding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder: Transform | null = coding === 'gzip' || coding === 'x-gzip' ? createGunzip() : coding === 'br' ? createBrotliDecompress() : coding === 'deflate' ? createInflate() : null;
  return decoder ? pipeline(res, decoder, () => undefined) : res;
}

const NULL_BODY = new Set([204, 205, 304]);

/**
 * A PageFetch that connects to public addresses only (see the top of this file). It answers as
 * fetch does (a Response whose body streams), so the caller's limits apply unchanged.
 */
export function publicWebFetch(options: PublicWebOptions = {}): PageFetch {
  const lookup = guardedLookup(options);
  return (href, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(href);
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (isIP(host) && !allowedAddress(host, options)) return reject(new NotPublicAddressError(host));
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = request(url, {
        method: 'GET',
        headers: { ...init.headers, 'accept-encoding': 'gzip, deflate, br' },
        signal: init.signal,
        lookup,
        // A connection of its own, never one from a pool another caller opened unchecked.
        agent: false,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        // Once answered, a dropped connection shows as the body's stream failing.
        res.on('error', () => undefined);
        try {
          const status = res.statusCode ?? 0;
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
          }
          let body: ReadableStream<Uint8Array> | null = null;
          if (NULL_BODY.has(status)) res.resume();
          else body = Readable.toWeb(decoded(res)) as ReadableStream<Uint8Array>;
          // Throws for a status outside 200–599, as fetch does.
          resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers }));
        } catch (err) {
          res.destroy();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      req.end();
    });
}

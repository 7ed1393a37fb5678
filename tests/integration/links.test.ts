/**
 * Link cards read by the core from a local web server: og: and twitter: tags, the <title> when
 * there are none, relative image addresses, and every limit (time, size, type, redirects) coming
 * back as an answer the composer can word — never a thrown error, never a page read to its end.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LinkCardDto, LinkPreviewDto } from '../../shared/contract/features/links';
import { createLinksFeature } from '../../electron/core/features/links';
import { createLinkCards } from '../../electron/core/link-cards/reader';
import type { PublicWebOptions, Resolve } from '../../electron/core/link-cards/public-web';
import { FakeClock } from '../support/clock';
import { call, createTestCore } from '../support/core';
import { png } from '../e2e/support/media';

const silent = { log: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
type Route = (req: IncomingMessage, res: ServerResponse) => void;

const page = (head: string, body = '<p>Hello</p>') => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const html = (text: string): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(text);
};
const image = (bytes: Buffer, type = 'image/png'): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
};

describe('link cards', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, Route>();
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (route) route(req, res);
      else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<title>Not here</title>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    routes.clear();
    seen.length = 0;
  });

  /** Cards as the app makes them, but allowed this machine's loopback, where the test site listens. */
  const feature = (clock = new FakeClock(), web: PublicWebOptions = { allowLoopback: true }) => ({ clock, links: createLinksFeature({ cards: createLinkCards({ clock, log: silent, web }) }).handlers });
  const preview = (links: ReturnType<typeof feature>['links'], url: string) => links['links:preview']({ url }) as Promise<LinkPreviewDto>;
  const card = (r: LinkPreviewDto): LinkCardDto => {
    if (!r.ok) throw new Error(`expected a card, got ${r.problem}: ${r.message}`);
    return r;
  };
  /** Resolves once the server has seen a request for `path`. */
  const requested = async (path: string) => {
    for (let i = 0; i < 200 && !seen.includes(path); i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toContain(path);
  };

  it('reads og: tags and turns the og:image into a data: URL, resolving a relative address against the page', async () => {
    const picture = png(4, 2, [200, 80, 40]);
    routes.set('/guide', html(page('<title>Fallback</title><meta property="og:title" content="Spring planting &amp; more"><meta property="og:description" content="  Every date,\n in one place "><meta property="og:site_name" content="Garden Notes"><meta property="og:image" content="/img/card.png">')));
    routes.set('/img/card.png', image(picture));
    const { links } = feature();
    const r = card(await preview(links, `${base}/guide`));
    expect(r).toMatchObject({ title: 'Spring planting & more', description: 'Every date, in one place', siteName: 'Garden Notes', domain: '127.0.0.1', imageProblem: null, largeImage: false });
    expect(r.image).toBe(`data:image/png;base64,${picture.toString('base64')}`);
  });

  it('falls back to twitter: tags, then to the <title>', async () => {
    routes.set('/tw', html(page('<title>Page title</title><meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="From Twitter tags"><meta name="twitter:image" content="pics/t.png">')));
    routes.set('/pics/t.png', image(png(2, 2, [0, 0, 0])));
    routes.set('/plain', html(page('<title>\n  Just a   title </title>')));
    const { links } = feature();
    const tw = card(await preview(links, `${base}/tw`));
    expect(tw).toMatchObject({ title: 'From Twitter tags', largeImage: true, imageProblem: null });
    expect(tw.image).toMatch(/^data:image\/png;base64,/);
    expect(card(await preview(links, `${base}/plain`))).toMatchObject({ title: 'Just a title', description: null, image: null, imageProblem: 'none' });
  });

  it('follows a redirect and names the final domain; a redirect loop stops with a typed answer', async () => {
    routes.set('/moved', (_req, res) => {
      res.writeHead(301, { location: '/plain' });
      res.end();
    });
    routes.set('/plain', html(page('<title>Arrived</title>')));
    routes.set('/loop', (_req, res) => {
      res.writeHead(302, { location: '/loop' });
      res.end();
    });
    const { links } = feature();
    expect(card(await preview(links, `${base}/moved`))).toMatchObject({ title: 'Arrived', finalUrl: `${base}/plain` });
    const loop = await preview(links, `${base}/loop`);
    expect(loop).toMatchObject({ ok: false, problem: 'too_many_redirects' });
    expect(seen.filter((u) => u === '/loop')).toHaveLength(6);
  });

  it('reads a compressed page, as a browser would', async () => {
    routes.set('/gz', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(gzipSync(page('<title>Squeezed</title>')));
    });
    routes.set('/br', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' });
      res.end(brotliCompressSync(page('<title>Brotli</title>')));
    });
    const { links } = feature();
    expect(card(await preview(links, `${base}/gz`))).toMatchObject({ title: 'Squeezed' });
    expect(card(await preview(links, `${base}/br`))).toMatchObject({ title: 'Brotli' });
  });

  it('reads only the head of a huge page, and says so when the head alone is too large', async () => {
    const stream = (head: string): Route => (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write(head);
      const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
      // An endless page: it keeps writing until the reader hangs up, so an answer proves it did.
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      more();
    };
    routes.set('/long', stream('<html><head><title>Long read</title></head><body>'));
    routes.set('/huge-head', stream(`<html><head><script>${'var a = 1;'.repeat(100_000)}</script>`));
    const { links } = feature();
    expect(card(await preview(links, `${base}/long`))).toMatchObject({ title: 'Long read' });
    const r = await preview(links, `${base}/huge-head`);
    expect(r).toMatchObject({ ok: false, problem: 'too_large' });
    expect(r.ok ? '' : r.message).toContain('512 KB');
  });

  it('gives up on a page that does not answer within 5 seconds of the clock', async () => {
    const hung: ServerResponse[] = [];
    routes.set('/slow', (_req, res) => void hung.push(res));
    const { links, clock } = feature();
    const pending = preview(links, `${base}/slow`);
    await requested('/slow');
    clock.advance(4_999);
    clock.advance(1);
    const r = await pending;
    expect(r).toMatchObject({ ok: false, problem: 'timeout', message: 'The page did not answer within 5 seconds.' });
    for (const res of hung) res.destroy();
  });

  it('answers "not a web page" for a PDF, and "unreachable" for an error status or a closed port', async () => {
    routes.set('/file.pdf', image(Buffer.from('%PDF-1.4'), 'application/pdf'));
    const { links } = feature();
    expect(await preview(links, `${base}/file.pdf`)).toMatchObject({ ok: false, problem: 'not_html', message: 'The link leads to a file (application/pdf) rather than a web page, so there is no card.' });
    expect(await preview(links, `${base}/missing`)).toMatchObject({ ok: false, problem: 'unreachable', message: 'The page could not be reached (The site answered 404 Not Found).' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await preview(links, `http://127.0.0.1:${port}/`)).toMatchObject({ ok: false, problem: 'unreachable', message: 'The page could not be reached (nothing answers at that address).' });
  });

  it('refuses addresses that are not http(s) without fetching anything', async () => {
    const { links } = feature();
    for (const url of ['ftp://127.0.0.1/x', 'javascript:alert(1)', 'not a link', `http://user:secret@127.0.0.1/`]) {
      expect(await preview(links, url)).toMatchObject({ ok: false, problem: 'bad_url' });
    }
    expect(seen).toEqual([]);
  });

  it('keeps the card without an image that is too large or not an image', async () => {
    routes.set('/big-image', html(page('<title>Big</title><meta property="og:image" content="/big.png">')));
    routes.set('/big.png', image(Buffer.concat([png(1, 1, [0, 0, 0]), Buffer.alloc(1024 * 1024)])));
    routes.set('/fake-image', html(page('<title>Fake</title><meta property="og:image" content="/fake.png">')));
    routes.set('/fake.png', image(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')));
    const { links } = feature();
    expect(card(await preview(links, `${base}/big-image`))).toMatchObject({ title: 'Big', image: null, imageProblem: 'too_large' });
    expect(card(await preview(links, `${base}/fake-image`))).toMatchObject({ title: 'Fake', image: null, imageProblem: 'not_image' });
  });

  it('remembers a card for a while: the same link is not fetched twice, also when asked twice at once', async () => {
    routes.set('/plain', html(page('<title>Once</title>')));
    const { links, clock } = feature();
    const [a, b] = await Promise.all([preview(links, `${base}/plain`), preview(links, `${base}/plain`)]);
    expect(a).toEqual(b);
    await preview(links, `${base}/plain`);
    expect(seen).toEqual(['/plain']);
    clock.advance(16 * 60_000);
    await preview(links, `${base}/plain`);
    expect(seen).toEqual(['/plain', '/plain']);
  });

  it('answers through the contract, checking the input', async () => {
    routes.set('/plain', html(page('<title>Through the core</title>')));
    const t = await createTestCore({ linkCardsOnLoopback: true });
    try {
      expect(await call(t.core, 'links:preview', { url: `${base}/plain` })).toMatchObject({ ok: true, title: 'Through the core' });
      const empty = await t.core.dispatch('links:preview', { url: '  ' });
      expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await t.close();
    }
  });
  describe('public pages only', () => {
    const local = /^The page could not be reached \(the address is on this computer or a private network, and link cards are read from public sites only\)\.$/;
    /** A resolver that knows a few names of its own, counting how often it is asked. */
    const names = (table: Record<string, string[] | (() => string[])>) => {
      const asked: string[] = [];
      const resolve: Resolve = async (host) => {
        asked.push(host);
        const entry = table[host];
        const list = typeof entry === 'function' ? entry() : entry;
        if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
        return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      };
      return { resolve, asked };
    };

    it('refuses loopback, private, link-local and reserved addresses, however written, without connecting', async () => {
      routes.set('/plain', html(page('<title>Local secret</title>')));
      const port = new URL(base).port;
      // As the app makes them: no loopback allowance.
      const { links } = feature(new FakeClock(), {});
      for (const url of [
        `http://127.0.0.1:${port}/plain`,
        `http://2130706433:${port}/plain`, // decimal
        `http://0x7f.1:${port}/plain`, // hex and short
        `http://0177.0.0.1:${port}/plain`, // octal
        `http://[::1]:${port}/plain`,
        `http://[::ffff:127.0.0.1]:${port}/plain`, // IPv4-mapped IPv6
        `http://0.0.0.0:${port}/plain`,
        'http://10.0.0.1/',
        'http://172.16.5.4/',
        'http://192.168.1.1/',
        'http://3232235777/', // 192.168.1.1 in decimal
        'http://100.64.0.1/',
        'http://169.254.169.254/latest/meta-data/',
        'http://[fd00::1]/',
        'http://[fe80::1]/',
        'http://[64:ff9b::a00:1]/', // NAT64 of 10.0.0.1
        'https://[::]/',
      ]) {
        const r = await preview(links, url);
        expect(r, url).toMatchObject({ ok: false, problem: 'unreachable' });
        expect(r.ok ? '' : r.message, url).toMatch(local);
      }
      expect(seen).toEqual([]);
    });

    it('refuses a name that resolves to such an address (localhost, a name of the local network)', async () => {
      routes.set('/plain', html(page('<title>Local secret</title>')));
      const port = new URL(base).port;
      const dns = names({ 'intranet.example': ['10.1.2.3'], 'mixed.example': ['93.184.215.14', '192.168.0.10'], 'loop.example': ['127.0.0.1'] });
      const { links } = feature(new FakeClock(), { resolve: dns.resolve });
      for (const host of ['intranet.example', 'mixed.example', 'loop.example']) {
        expect(await preview(links, `http://${host}:${port}/plain`)).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(local) });
      }
      expect(dns.asked).toEqual(['intranet.example', 'mixed.example', 'loop.example']);
      // The system's own resolver, offline: localhost is this machine.
      const system = feature(new FakeClock(), {}).links;
      expect(await preview(system, `http://localhost:${port}/plain`)).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(local) });
      expect(seen).toEqual([]);
    });

    it('refuses a redirect to a private address, on every hop', async () => {
      const port = new URL(base).port;
      routes.set('/to-metadata', (_req, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
      routes.set('/to-decimal', (_req, res) => void res.writeHead(301, { location: 'http://167772161/admin' }).end()); // 10.0.0.1
      routes.set('/to-intranet', (_req, res) => void res.writeHead(307, { location: 'http://intranet.example/' }).end());
      routes.set('/hop', (_req, res) => void res.writeHead(302, { location: '/to-intranet' }).end());
      // news.example stands for a public site: the test allowance lets it be this machine.
      const dns = names({ 'news.example': ['127.0.0.1'], 'intranet.example': ['10.0.0.7'] });
      const { links } = feature(new FakeClock(), { allowLoopback: true, resolve: dns.resolve });
      for (const path of ['/to-metadata', '/to-decimal', '/hop']) {
        const r = await preview(links, `http://news.example:${port}${path}`);
        expect(r, path).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(local) });
      }
      expect(seen).toEqual(['/to-metadata', '/to-decimal', '/hop', '/to-intranet']);
    });

    it('connects to the address it checked: a name resolved once per connection, a rebinding refused', async () => {
      routes.set('/first', html(page('<title>Checked</title>')));
      routes.set('/second', html(page('<title>Rebound</title>')));
      const port = new URL(base).port;
      let answers = 0;
      // Only this resolver knows the name, so a card proves the socket went where it said.
      const dns = names({ 'rebind.example': () => (answers++ === 0 ? ['127.0.0.1'] : ['10.0.0.1']) });
      const { links } = feature(new FakeClock(), { allowLoopback: true, resolve: dns.resolve });
      expect(card(await preview(links, `http://rebind.example:${port}/first`))).toMatchObject({ title: 'Checked', domain: 'rebind.example' });
      expect(dns.asked).toEqual(['rebind.example']);
      expect(await preview(links, `http://rebind.example:${port}/second`)).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(local) });
      expect(seen).toEqual(['/first']);
    });

    it('keeps a card\'s picture off private addresses too, keeping the card', async () => {
      const port = new URL(base).port;
      // The picture's host has a private address besides this machine's: refused as a whole.
      routes.set('/sneaky', html(page(`<title>Sneaky</title><meta property="og:image" content="http://pics.example:${port}/pic.png">`)));
      routes.set('/pic.png', image(png(1, 1, [0, 0, 0])));
      const dns = names({ 'pics.example': ['127.0.0.1', '10.9.9.9'] });
      const { links } = feature(new FakeClock(), { allowLoopback: true, resolve: dns.resolve });
      expect(card(await preview(links, `${base}/sneaky`))).toMatchObject({ title: 'Sneaky', image: null, imageProblem: 'unreachable' });
      expect(dns.asked).toEqual(['pics.example']);
      expect(seen).toEqual(['/sneaky']);
    });

    it('through the core: refused unless a test allows loopback, as the app never does', async () => {
      routes.set('/plain', html(page('<title>Through the core</title>')));
      const app = await createTestCore();
      try {
        expect(await call(app.core, 'links:preview', { url: `${base}/plain` })).toMatchObject({ ok: false, problem: 'unreachable', message: expect.stringMatching(local) });
        expect(seen).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
});

/**
 * Link cards read by the core from a local web server: og: and twitter: tags, the <title> when
 * there are none, relative image addresses, and every limit (time, size, type, redirects) coming
 * back as an answer the composer can word — never a thrown error, never a page read to its end.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LinkCardDto, LinkPreviewDto } from '../../shared/contract/features/links';
import { createLinksFeature } from '../../electron/core/features/links';
import { createLinkCards } from '../../electron/core/link-cards/reader';
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

  const feature = (clock = new FakeClock()) => ({ clock, links: createLinksFeature({ cards: createLinkCards({ http: fetch, clock, log: silent }) }).handlers });
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
    const t = await createTestCore();
    try {
      expect(await call(t.core, 'links:preview', { url: `${base}/plain` })).toMatchObject({ ok: true, title: 'Through the core' });
      const empty = await t.core.dispatch('links:preview', { url: '  ' });
      expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await t.close();
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { png } from './media';

export const TITLE = 'The spring planting calendar';

/** A small site of our own: one page with og: tags and the card picture, counting every request. */
export async function startSite() {
  const picture = png(40, 21, [30, 120, 90]);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/guide') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Garden notes</title><meta property="og:title" content="${TITLE}"><meta property="og:description" content="Every sowing date in one place."><meta property="og:image" content="/card.png"></head><body><h1>Guide</h1></body></html>`);
    } else if (req.url === '/card.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': picture.length });
      res.end(picture);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    link: `${url}/guide`,
    picture: `data:image/png;base64,${picture.toString('base64')}`,
    requests,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * A webhook receiver for tests: keeps every request with its raw body, checks the
 * X-Loomcast-Signature (HMAC of `<X-Loomcast-Timestamp>.<body>`) against the secret it is given
 * (as a real receiver would), and answers with the statuses a test scripts (200 once the script
 * runs out). It does not judge how old the timestamp is: tests run on a fake clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the signature matched the secret at the time it arrived (null: no secret set). */
  signatureValid: boolean | null;
  status: number;
}

/** What a receiver checks: the signature is the secret's HMAC of the timestamp header, a dot, and the raw body. */
export function verifySignature(secret: string, timestamp: string | undefined, body: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=') || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The secret to check signatures with. */
  setSecret(secret: string): void;
  /** The statuses the next requests get, in order. */
  answer(...statuses: number[]): void;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const script: number[] = [];
  let secret: string | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const one = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      const status = script.shift() ?? 200;
      received.push({ path: req.url ?? '/', headers: req.headers, body, signatureValid: secret === null ? null : verifySignature(secret, one('x-loomcast-timestamp'), body, one('x-loomcast-signature')), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    setSecret: (s) => void (secret = s),
    answer: (...statuses) => void script.push(...statuses),
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

// Run on its own (`npx tsx tests/fakes/webhook-receiver.ts`) it prints what arrives.
if (process.argv[1]?.endsWith('webhook-receiver.ts')) {
  void startWebhookReceiver().then((r) => console.log(`listening at ${r.url}`));
}

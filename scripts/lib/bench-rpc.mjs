/**
 * An RPC round trip in browser mode: `app:info` over HTTP with the token, against a bare Node
 * http server (in its own process, on the same machine) that checks the same header and echoes
 * the body back as JSON. Both are asked from here with keep-alive fetch, one request at a time.
 */
import { spawn } from 'node:child_process';

const TRIPS = 200;

const ECHO = `
const http = require('node:http');
const token = process.env.BENCH_ECHO_TOKEN;
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.headers.authorization !== 'Bearer ' + token) { res.writeHead(401).end(); return; }
    const body = Buffer.concat(chunks).toString() || 'null';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: JSON.parse(body) }));
  });
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });`;

function startEcho(token) {
  // The token goes by environment: as an argument, one starting with "-" (base64url can) was read
  // by node as an option, and the echo server never started.
  const child = spawn(process.execPath, ['-e', ECHO], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_ECHO_TOKEN: token } });
  return new Promise((done, fail) => {
    child.stdout.once('data', (d) => done({ child, origin: `http://127.0.0.1:${String(d).trim()}` }));
    child.once('exit', (c) => fail(new Error(`the echo server exited (${c})`)));
  });
}

/** The median time of `TRIPS` sequential round trips to `url`. */
async function trips(url, token) {
  const one = async () => {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    await res.json();
    return performance.now() - t0;
  };
  for (let i = 0; i < 20; i++) await one(); // warm the connection and both servers
  const ms = [];
  for (let i = 0; i < TRIPS; i++) ms.push(await one());
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A bench-table row: the host's round trip against the echo server's, median over `runs` runs. */
export async function measureRoundTrip(host, runs) {
  const echo = await startEcho(host.token);
  try {
    const product = [];
    const base = [];
    for (let i = 0; i < runs; i++) {
      product.push(await trips(`${host.origin}/rpc/app:info`, host.token));
      base.push(await trips(`${echo.origin}/echo`, host.token));
    }
    return { what: `RPC round trip in browser mode (app:info over HTTP with the token, median of ${TRIPS} per run)`, baseline: 'bare Node http echo server', unit: 'ms', runs, product: median(product), base: median(base) };
  } finally {
    echo.child.kill('SIGTERM');
  }
}

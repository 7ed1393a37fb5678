/**
 * Request parameters the way Rails reads them for Mastodon: a JSON body, a form
 * (`media_ids[]=1&media_ids[]=2`), or multipart (uploads); plus the kit's faults rendered as
 * this instance would answer them.
 */
import type { Fault, FakeRequest, Reply } from '../common/fake-server';
import { mastoError, type MastodonFake } from './fake';

export interface UploadedFile {
  type: string;
  name: string;
  size: number;
}

export interface Params {
  get(key: string): string | undefined;
  getAll(key: string): string[];
  file(key: string): UploadedFile | null;
}

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export async function readParams(req: FakeRequest): Promise<Params> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: req.raw }).formData();
    return {
      get: (k) => {
        const v = form.get(k);
        return typeof v === 'string' ? v : undefined;
      },
      getAll: (k) => [...form.getAll(k), ...form.getAll(`${k}[]`)].filter((v): v is string => typeof v === 'string'),
      file: (k) => {
        const v = form.get(k);
        return v && typeof v !== 'string' ? { type: v.type, name: (v as File).name ?? 'file', size: v.size } : null;
      },
    };
  }
  if (type.includes('x-www-form-urlencoded')) {
    const q = new URLSearchParams(req.raw.toString('utf8'));
    return { get: (k) => q.get(k) ?? undefined, getAll: (k) => [...q.getAll(k), ...q.getAll(`${k}[]`)], file: () => null };
  }
  const b = req.body ?? {};
  return {
    get: (k) => str(b[k]),
    getAll: (k) => {
      const v = b[k] ?? b[`${k}[]`];
      return Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)];
    },
    file: () => null,
  };
}

const NGINX = (status: number, title: string) =>
  `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/**
 * The reply a fault stands for, before anything is created; null when the route should go on
 * (no fault, or timeout_after_accept, which the route handles by creating and then hanging).
 */
export function faultReply(fake: MastodonFake, fault: Fault | undefined, throttle: { limit: number }): Reply | null {
  if (!fault) return null;
  switch (fault.kind) {
    case 'rate_limit':
      return fake.tooMany(throttle.limit, fake.now() + fault.resetInSeconds * 1000);
    case 'reset_before_send':
      return 'reset';
    case 'server_error': {
      const status = fault.status ?? 500;
      // Behind nginx, a dead or slow Puma shows up as nginx's own HTML page.
      if (status === 502 || status === 504) {
        return { status, headers: { 'Content-Type': 'text/html' }, body: NGINX(status, status === 502 ? 'Bad Gateway' : 'Gateway Time-out') };
      }
      if (status === 503) return mastoError(503, 'There was a temporary problem serving your request, please try again');
      return mastoError(status, "We're sorry, but something went wrong on our end.");
    }
    default:
      return null;
  }
}

/**
 * Video uploads: `POST /v5/media` registers one and hands out S3 form fields, an S3-style
 * browser-form endpoint takes the file, `GET /v5/media/{id}` reports processing.
 */
import { randomBytes } from 'node:crypto';
import type { FakeServer, Reply } from '../common/fake-server';
import { authorize, err, isReply, rateLimited, type PinterestState } from './state';

export const UPLOAD_PATH = '/pinterest-media-upload/';

/** S3 answers form uploads with XML errors, not Pinterest's JSON. */
const s3Error = (status: number, code: string, message: string): Reply => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});

export function mediaRoutes(server: FakeServer, state: PinterestState): void {
  server.route('POST', '/v5/media', (req): Reply => {
    const fault = server.takeFault();
    if (fault?.kind === 'reset_before_send') return 'reset';
    if (fault?.kind === 'rate_limit') return rateLimited(state, server.now(), fault.resetInSeconds);
    if (fault?.kind === 'server_error') return err(fault.status ?? 500, 0, 'Something went wrong on our end. Sorry about that.');
    const t = authorize(server, req, 'pins:write');
    if (isReply(t)) return t;
    if (req.body?.media_type !== 'video') return err(400, 1, 'Invalid request: media_type must be video.');
    const id = state.nextId();
    const key = `uploads/${randomBytes(6).toString('hex')}/${id}`;
    const params = {
      'x-amz-date': new Date(server.now()).toISOString().replace(/[-:]|\.\d{3}/g, ''),
      'x-amz-signature': randomBytes(16).toString('hex'),
      'x-amz-security-token': randomBytes(24).toString('base64'),
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      key,
      policy: Buffer.from(JSON.stringify({ key })).toString('base64'),
      'x-amz-credential': 'ASIAFAKE/20250101/us-east-1/s3/aws4_request',
      'Content-Type': 'multipart/form-data',
    };
    state.media.set(id, { id, owner: t.subject, key, params, uploaded: null, uploadedType: null, polls: 0, statuses: ['registered'] });
    if (fault?.kind === 'timeout_after_accept') return 'hang';
    return { status: 201, body: { media_id: id, media_type: 'video', upload_url: `${server.url}${UPLOAD_PATH}`, upload_parameters: params } };
  });

  server.route('POST', UPLOAD_PATH, async (req): Promise<Reply> => {
    if (req.headers.authorization) return s3Error(400, 'InvalidArgument', 'Only one auth mechanism allowed; the POST policy and an Authorization header were both given.');
    let form: FormData;
    try {
      form = await new Request('http://upload.local/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: req.raw }).formData();
    } catch {
      return s3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
    }
    const entries = [...form.entries()];
    const file = form.get('file');
    if (!(file instanceof Blob) || entries.filter(([k]) => k === 'file').length !== 1) return s3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
    if (entries.at(-1)?.[0] !== 'file') return s3Error(400, 'InvalidArgument', 'Fields after the file are ignored; the file must be the last field.');
    const media = [...state.media.values()].find((m) => m.key === form.get('key'));
    if (!media) return s3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$key", …]');
    for (const [k, v] of Object.entries(media.params)) {
      if (form.get(k) !== v) return s3Error(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["eq", "$${k}", …]`);
    }
    media.uploaded = Buffer.from(await file.arrayBuffer());
    media.uploadedType = file.type;
    return { status: 204 };
  });

  server.route('GET', '/v5/media/{media_id}', (req): Reply => {
    const t = authorize(server, req, 'pins:read');
    if (isReply(t)) return t;
    const m = state.media.get(req.params.media_id ?? '');
    if (!m || m.owner !== t.subject) return err(404, 1, 'Media not found.');
    const last = m.statuses.at(-1);
    // After the upload: one poll sees `processing`, the next the end state.
    if (m.uploaded && last === 'registered') m.statuses.push('processing');
    else if (m.uploaded && last === 'processing') m.statuses.push(state.opts.videoProcessing === 'fails' ? 'failed' : 'succeeded');
    m.polls++;
    return { status: 200, body: { media_id: m.id, media_type: 'video', status: m.statuses.at(-1) } };
  });
}

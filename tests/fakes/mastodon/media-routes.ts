/**
 * `POST /api/v2/media` (200 when processed at once, 202 with `url: null` while processing) and
 * `GET /api/v1/media/:id` (206 while processing, 200 when done, 422 if processing failed).
 */
import { mastoError, type MastodonFake } from './fake';
import { mediaJson, snowflake, type FakeMedia } from './model';
import { faultReply, readParams } from './params';

const SUPPORTED = /^(image\/(jpeg|png|gif|webp|heic|heif|avif)|video\/(webm|mp4|quicktime|ogg)|audio\/(wave|wav|x-wav|x-pn-wave|vnd\.wave|ogg|vorbis|mpeg|mp3|webm|flac|aac|m4a|x-m4a|mp4|3gpp))$/;

function kindOf(mime: string): FakeMedia['type'] {
  if (mime === 'image/gif') return 'gifv';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'image';
}

export function registerMediaRoutes(fake: MastodonFake): void {
  fake.route('POST', '/api/v2/media', async (req) => {
    const fault = fake.takeFault();
    const early = faultReply(fake, fault, fake.rates.media);
    if (early) return early;
    const auth = fake.authenticate(req, ['write', 'write:media']);
    if (!auth.ok) return auth.reply;
    const t = fake.throttle(`media:${auth.account.id}`, fake.rates.media);
    if (t.exceeded) return fake.tooMany(t.limit, t.resetAt);
    const headers = fake.apiHeaders(auth.token);

    const params = await readParams(req);
    const file = params.file('file');
    if (!file) return mastoError(422, "Validation failed: File can't be blank", headers);
    if (!SUPPORTED.test(file.type)) return mastoError(422, 'Validation failed: File content type is invalid, File is invalid', headers);
    const type = kindOf(file.type);
    const sizeLimit = type === 'image' || type === 'gifv' ? fake.limits.imageSizeLimit : fake.limits.videoSizeLimit;
    if (file.size > sizeLimit) return mastoError(422, `Validation failed: File file size must be less than ${Math.round(sizeLimit / 1024 / 1024)} MB`, headers);
    const description = params.get('description') ?? null;
    if (description && [...description].length > fake.limits.descriptionLimit) {
      return mastoError(422, `Validation failed: Description is too long (maximum is ${fake.limits.descriptionLimit} characters)`, headers);
    }

    const async = type !== 'image' || fake.asyncImages || fake.failProcessing > 0;
    const failed = fake.failProcessing > 0;
    if (failed) fake.failProcessing--;
    const m: FakeMedia = {
      id: snowflake(fake.now()),
      accountId: auth.account.id,
      type,
      mime: file.type,
      fileName: file.name.replace(/[^\w.-]/g, '_') || 'file',
      size: file.size,
      description,
      statusId: null,
      pollsLeft: async ? fake.processingPolls : 0,
      failed,
    };
    fake.media.set(m.id, m);
    if (fault?.kind === 'timeout_after_accept') return 'hang';
    return { status: async ? 202 : 200, headers, body: mediaJson(fake.url, m) };
  });

  fake.route('GET', '/api/v1/media/:id', (req) => {
    const auth = fake.authenticate(req, ['write', 'write:media']);
    if (!auth.ok) return auth.reply;
    const headers = fake.apiHeaders(auth.token);
    const m = fake.media.get(req.params.id ?? '');
    if (!m || m.accountId !== auth.account.id || m.statusId !== null) return mastoError(404, 'Record not found', headers);
    if (m.pollsLeft > 0) {
      m.pollsLeft--;
      return { status: 206, headers, body: mediaJson(fake.url, { ...m, pollsLeft: 1 }) };
    }
    if (m.failed) return mastoError(422, 'Error processing thumbnail for uploaded media', headers);
    return { status: 200, headers, body: mediaJson(fake.url, m) };
  });
}

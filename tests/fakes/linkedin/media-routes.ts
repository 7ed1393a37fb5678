/**
 * LinkedIn media on the fake: Images API (initializeUpload → PUT to uploadUrl) and Videos API
 * (initializeUpload with fileSizeBytes → PUT each byte range, ETag per part → finalizeUpload
 * with the ETags in order → PROCESSING → AVAILABLE).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FakeRequest, Reply } from '../common/fake-server';
import { accessDenied, faultReply, guardRest, guardToken, illegal, isReply, json, mayActAs, type LinkedInFakeCore } from './state';

const HOUR = 3_600_000;

function imageAction(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const fault = faultReply(fake);
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  if (req.query.get('action') !== 'initializeUpload') return illegal(`Unsupported action ${req.query.get('action')}`);
  if (fault) return fault === 'timeout_after_accept' ? 'hang' : fault;
  const owner = String((req.body?.initializeUploadRequest as { owner?: string } | undefined)?.owner ?? '');
  if (!owner) return json(422, { message: 'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value', status: 422 });
  if (!mayActAs(fake, t, owner, true)) return accessDenied('partnerApiImages.ACTION-initializeUpload.20260601');
  const id = `D4E10AQ${randomBytes(6).toString('hex')}`;
  const urn = `urn:li:image:${id}`;
  fake.state.images.set(urn, { owner, bytes: null, mime: null });
  return json(200, { value: { uploadUrlExpiresAt: fake.now() + HOUR, uploadUrl: `${fake.url}/dms-uploads/image/${id}`, image: urn } });
}

function putImage(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const fault = faultReply(fake);
  const t = guardToken(fake, req);
  if (isReply(t)) return t;
  if (fault) return fault === 'timeout_after_accept' ? 'hang' : fault;
  const image = fake.state.images.get(`urn:li:image:${req.params.id}`);
  if (!image) return json(404, { status: 404, message: 'Not Found' });
  if (req.raw.length === 0) return illegal('Empty upload');
  image.bytes = req.raw;
  image.mime = String(req.headers['content-type'] ?? '');
  return { status: 201 };
}

function videoAction(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  // Faults first: an armed expired_token must expire the token this call presents.
  const fault = faultReply(fake);
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  if (fault) return fault === 'timeout_after_accept' ? 'hang' : fault;
  const action = req.query.get('action');
  if (action === 'initializeUpload') {
    const r = (req.body?.initializeUploadRequest ?? {}) as { owner?: string; fileSizeBytes?: number };
    if (!r.owner || typeof r.fileSizeBytes !== 'number' || r.fileSizeBytes <= 0) return illegal('initializeUploadRequest needs owner and fileSizeBytes');
    if (!mayActAs(fake, t, r.owner, true)) return accessDenied('partnerApiVideos.ACTION-initializeUpload.20260601');
    const id = `D5610AQ${randomBytes(6).toString('hex')}`;
    const urn = `urn:li:video:${id}`;
    const size = fake.state.videoPartSize;
    const parts = [];
    for (let first = 0; first < r.fileSizeBytes; first += size) parts.push({ firstByte: first, lastByte: Math.min(first + size, r.fileSizeBytes) - 1, etag: null, bytes: null });
    const uploadToken = parts.length > 1 ? randomBytes(8).toString('hex') : '';
    fake.state.videos.set(urn, { owner: r.owner, size: r.fileSizeBytes, uploadToken, parts, status: 'WAITING_UPLOAD', pollsLeft: fake.state.videoProcessingPolls });
    return json(200, {
      value: {
        uploadUrlsExpireAt: fake.now() + HOUR,
        video: urn,
        uploadInstructions: parts.map((p, i) => ({ uploadUrl: `${fake.url}/dms-uploads/video/${id}/${i}`, firstByte: p.firstByte, lastByte: p.lastByte })),
        uploadToken,
      },
    });
  }
  if (action === 'finalizeUpload') {
    const r = (req.body?.finalizeUploadRequest ?? {}) as { video?: string; uploadToken?: string; uploadedPartIds?: string[] };
    const video = fake.state.videos.get(String(r.video ?? ''));
    if (!video) return json(404, { status: 404, code: 'NOT_FOUND', message: `${String(r.video)} does not exist` });
    if ((r.uploadToken ?? '') !== video.uploadToken) return illegal('uploadToken does not match the upload');
    const ids = r.uploadedPartIds ?? [];
    if (ids.length !== video.parts.length || video.parts.some((p, i) => !p.etag || p.etag !== ids[i])) {
      return illegal('uploadedPartIds must list the ETag of every uploaded part, in order');
    }
    video.status = 'PROCESSING';
    return { status: 200 };
  }
  return illegal(`Unsupported action ${action}`);
}

function putVideoPart(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const fault = faultReply(fake);
  const t = guardToken(fake, req);
  if (isReply(t)) return t;
  if (fault) return fault === 'timeout_after_accept' ? 'hang' : fault;
  const video = fake.state.videos.get(`urn:li:video:${req.params.id}`);
  const part = video?.parts[Number(req.params.part)];
  if (!video || !part) return json(404, { status: 404, message: 'Not Found' });
  if (req.raw.length !== part.lastByte - part.firstByte + 1) return illegal(`Part must be ${part.lastByte - part.firstByte + 1} bytes, got ${req.raw.length}`);
  part.bytes = req.raw;
  part.etag = `/ETag/${createHash('md5').update(req.raw).digest('hex')}`;
  return { status: 200, headers: { etag: part.etag } };
}

function getVideo(fake: LinkedInFakeCore, req: FakeRequest): Reply {
  const t = guardRest(fake, req);
  if (isReply(t)) return t;
  const video = fake.state.videos.get(req.params.urn!);
  if (!video) return json(404, { status: 404, code: 'NOT_FOUND', message: `${req.params.urn} does not exist` });
  if (video.status === 'PROCESSING') {
    if (video.pollsLeft <= 0) video.status = 'AVAILABLE';
    else video.pollsLeft--;
  }
  return json(200, { owner: video.owner, id: req.params.urn, status: video.status, duration: 0, aspectRatioWidth: 16, aspectRatioHeight: 9 });
}

export function registerMediaRoutes(fake: LinkedInFakeCore): void {
  fake.route('POST', '/rest/images', (req) => imageAction(fake, req));
  fake.route('PUT', '/dms-uploads/image/{id}', (req) => putImage(fake, req));
  fake.route('POST', '/rest/videos', (req) => videoAction(fake, req));
  fake.route('PUT', '/dms-uploads/video/{id}/{part}', (req) => putVideoPart(fake, req));
  fake.route('GET', '/rest/videos/{urn}', (req) => getVideo(fake, req));
}

/**
 * A local S3-compatible server (s3rver) on 127.0.0.1 with a temporary directory and one bucket,
 * recording every object write it sees. Its default credentials are S3RVER / S3RVER.
 *
 * What s3rver does and does not check (lib/middleware/authentication.js): it rejects an unknown
 * access key id and presigned URLs past X-Amz-Date + X-Amz-Expires, but does not verify V4
 * signatures, so a wrong secret key goes unnoticed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Object writes (PutObject, POST, copy) as s3rver reports them: `ObjectCreated:Put bucket/key`. */
  writes: string[];
  stop(): Promise<void>;
}

export async function startLocalS3(bucket = 'loomcast-media'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'loomcast-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const writes: string[] = [];
  server.on('event', (e) => {
    for (const r of e.Records) writes.push(`${r.eventName} ${r.s3.bucket.name}/${decodeURIComponent(r.s3.object.key)}`);
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    writes,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** The credentials s3rver accepts (it checks request signatures). */
  accessKeyId: string;
  secretAccessKey: string;
  /** Where s3rver keeps the objects (`<directory>/<bucket>/<key>._S3rver_object`). */
  directory: string;
  /** STORAGE_DRIVER=s3 settings for createTestApp. */
  env: Record<string, string>;
  close: () => Promise<void>;
}

/**
 * An S3-protocol server in this process (s3rver, objects in a temporary folder) on a free port,
 * standing in for the external object store: requests are signed and checked, ranges and HEAD
 * answered as S3 does.
 */
export async function startS3Server(bucket = 'boiduong-test'): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    directory,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    // Idempotent: a test may stop the server to see the api cope, and afterAll stops it again.
    close: () => (closing ??= server.close().then(() => rmSync(directory, { recursive: true, force: true }))),
  };
}

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import {
  assertStorageKey,
  FileStorage,
  FileStorageUnreachable,
  StoredObjectMissing,
  type ByteRange,
} from './file-storage';

export interface S3StorageOptions {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, Ceph, Garage). */
  forcePathStyle: boolean;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** Idle time on an open connection, not the whole transfer: a 2 GB video may stream for minutes. */
const SOCKET_IDLE_TIMEOUT_MS = 60_000;

const statusOf = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);
const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

/** Objects in one bucket of an S3-compatible service (AWS S3, MinIO, Ceph RGW, Garage, …). */
export class S3Storage extends FileStorage {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    super();
    this.bucket = options.bucket;
    this.description = `s3 bucket ${options.bucket} at ${options.endpoint}`;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Checksums only where the API demands them: the SDK's newer default (a CRC on every
      // request and response) is not understood by many S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: SOCKET_IDLE_TIMEOUT_MS },
    });
  }

  async put(key: string, data: Buffer): Promise<void> {
    assertStorageKey(key);
    // A PUT replaces the object atomically: readers see the old bytes or the new ones.
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data, ContentLength: data.length }),
    );
  }

  async size(key: string): Promise<number> {
    assertStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return Number(head.ContentLength);
    } catch (error) {
      throw isMissing(error) ? new StoredObjectMissing(key) : error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      // In Node the body is the HTTP response itself: streamed, never buffered here.
      if (!(object.Body instanceof Readable)) throw new Error('the S3 client answered without a readable body');
      return object.Body;
    } catch (error) {
      throw isMissing(error) ? new StoredObjectMissing(key) : error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async check(signal?: AbortSignal): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: signal });
    } catch (error) {
      const status = statusOf(error);
      // HEAD answers carry no body, so the SDK cannot name the error: say what the status means.
      const reason =
        status === 404
          ? 'the bucket does not exist'
          : status === 403 || status === 401
            ? 'access denied (check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and the bucket policy)'
            : status === 301 || status === 400
              ? `the server refused the request (HTTP ${status}; check S3_REGION and S3_FORCE_PATH_STYLE)`
              : (error as Error).message || (error as Error).name;
      throw new FileStorageUnreachable(this.description, reason);
    }
  }

  /** Closes the client's connection pool. */
  override destroy(): void {
    this.client.destroy();
  }
}

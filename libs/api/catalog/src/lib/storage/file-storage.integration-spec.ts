import { startS3Server, type TestS3Server } from '@boiduong/api-testing';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStorage, FileStorageUnreachable, StoredObjectMissing } from './file-storage';
import { LocalDiskStorage } from './local-disk-storage';
import { S3Storage } from './s3-storage';

const text = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

interface Subject {
  storage: FileStorage;
  /** The same kind of storage pointed at something that is not there. */
  unreachable: FileStorage;
  close: () => Promise<void>;
}

/** One contract, both drivers: what the services rely on must hold for local disk and for S3 alike. */
const drivers: Array<[string, () => Promise<Subject>]> = [
  [
    'local disk',
    async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'storage-contract-'));
      const blocker = path.join(root, 'not-a-folder');
      writeFileSync(blocker, 'x');
      return {
        storage: new LocalDiskStorage(path.join(root, 'files')),
        // A folder below a regular file can never be created.
        unreachable: new LocalDiskStorage(path.join(blocker, 'files')),
        close: async () => rmSync(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    's3 (s3rver)',
    async () => {
      const server: TestS3Server = await startS3Server('contract');
      const options = {
        endpoint: server.endpoint,
        region: 'us-east-1',
        bucket: server.bucket,
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
        forcePathStyle: true,
      };
      const storage = new S3Storage(options);
      const unreachable = new S3Storage({ ...options, bucket: 'no-such-bucket' });
      return {
        storage,
        unreachable,
        close: async () => {
          storage.destroy();
          unreachable.destroy();
          await server.close();
        },
      };
    },
  ],
];

describe.each(drivers)('FileStorage contract: %s', (_name, start) => {
  let subject: Subject;
  let storage: FileStorage;
  const video = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));

  beforeAll(async () => {
    subject = await start();
    storage = subject.storage;
  });
  afterAll(() => subject.close());

  it('passes its own check, and a storage that is not there fails it by name', async () => {
    await expect(storage.check()).resolves.toBeUndefined();
    const failure = await subject.unreachable.check().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FileStorageUnreachable);
    expect((failure as Error).message).toContain(subject.unreachable.description);
  });

  it('stores bytes, tells their size and reads them back whole', async () => {
    await storage.put('2026-05/whole.mp4', video);
    expect(await storage.size('2026-05/whole.mp4')).toBe(video.length);
    expect((await text(await storage.read('2026-05/whole.mp4'))).equals(video)).toBe(true);
  });

  it('reads inclusive ranges: from the start, the middle, the last byte, and across the whole', async () => {
    await storage.put('2026-05/ranges.mp4', video);
    const range = async (start: number, end: number) => text(await storage.read('2026-05/ranges.mp4', { start, end }));
    // From the start, two bytes: s3rver (not S3) reads an end of 0 as "to the end".
    expect([...(await range(0, 1))]).toEqual([0, 1]);
    expect((await range(1000, 70_999)).equals(video.subarray(1000, 71_000))).toBe(true);
    expect([...(await range(video.length - 1, video.length - 1))]).toEqual([video[video.length - 1]]);
    expect((await range(0, video.length - 1)).equals(video)).toBe(true);
  });

  it('replaces an object as a whole on a second put', async () => {
    await storage.put('2026-05/replace.pdf', Buffer.from('%PDF-first version'));
    await storage.put('2026-05/replace.pdf', Buffer.from('%PDF-2'));
    expect(await storage.size('2026-05/replace.pdf')).toBe(6);
    expect((await text(await storage.read('2026-05/replace.pdf'))).toString()).toBe('%PDF-2');
  });

  it('answers StoredObjectMissing for a key that names nothing, on size and on read', async () => {
    await expect(storage.size('2026-05/never-written.pdf')).rejects.toBeInstanceOf(StoredObjectMissing);
    await expect(storage.read('2026-05/never-written.pdf')).rejects.toBeInstanceOf(StoredObjectMissing);
    await expect(storage.read('2026-05/never-written.pdf', { start: 0, end: 3 })).rejects.toBeInstanceOf(
      StoredObjectMissing,
    );
  });

  it('deletes, and deleting again (or a key never written) is harmless', async () => {
    await storage.put('submissions/2026-05/gone.pdf', Buffer.from('%PDF-x'));
    await storage.delete('submissions/2026-05/gone.pdf');
    await expect(storage.size('submissions/2026-05/gone.pdf')).rejects.toBeInstanceOf(StoredObjectMissing);
    await expect(storage.delete('submissions/2026-05/gone.pdf')).resolves.toBeUndefined();
    await expect(storage.delete('never/written.pdf')).resolves.toBeUndefined();
  });

  it('keeps keys with spaces, Vietnamese letters and URL-special characters distinct and intact', async () => {
    const keys = ['a/Bài giảng số 1.pdf', 'a/b+c%20d?e#f&g=h.pdf', 'a/b%2Fc.pdf', "a/~!$'()*,;@[].pdf"];
    for (const [i, key] of keys.entries()) await storage.put(key, Buffer.from(`content ${i}`));
    for (const [i, key] of keys.entries())
      expect((await text(await storage.read(key))).toString()).toBe(`content ${i}`);
    // "%2F" stayed three characters, not a folder separator.
    await expect(storage.size('a/b/c.pdf')).rejects.toBeInstanceOf(StoredObjectMissing);
  });

  it('refuses keys that would mean something else on another storage, before touching it', async () => {
    for (const key of [
      '',
      '../outside.pdf',
      'a/../../outside.pdf',
      '/absolute.pdf',
      'a//b.pdf',
      'a/./b.pdf',
      'a\\b.pdf',
      'a/b\n.pdf',
      'x'.repeat(1025),
    ]) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
      await expect(storage.read(key)).rejects.toThrow(/invalid storage key/);
      await expect(storage.delete(key)).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe('local disk specifics', () => {
  it('leaves no temporary file behind and nothing outside its root', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'storage-local-'));
    try {
      const storage = new LocalDiskStorage(path.join(root, 'files'));
      await storage.put('2026-05/a.pdf', Buffer.from('%PDF-a'));
      expect(readdirSync(root, { recursive: true }).sort()).toEqual([
        'files',
        path.join('files', '2026-05'),
        path.join('files', '2026-05', 'a.pdf'),
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

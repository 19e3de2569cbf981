import { EICAR, startFakeClamd, unusedPort, type FakeClamd } from '@boiduong/api-testing';
import { createServer } from 'node:net';
import { ClamdScanner, clamdRequest, parseScanReply } from './clamd-scanner';
import { ScannerUnavailable } from './file-scanner';

const subject = {
  fileName: 'bao-cao.pdf',
  contentType: 'application/pdf',
  uploadedBy: { userId: 'u1', username: 'hocvien' },
};

describe('parseScanReply', () => {
  it('reads clean, infected and error replies', () => {
    expect(parseScanReply('stream: OK')).toEqual({ clean: true });
    expect(parseScanReply('stream: Eicar-Test-Signature FOUND')).toEqual({
      clean: false,
      signature: 'Eicar-Test-Signature',
    });
    expect(parseScanReply('stream: Win.Trojan.Agent-123 (Heuristics) FOUND')).toEqual({
      clean: false,
      signature: 'Win.Trojan.Agent-123 (Heuristics)',
    });
    expect(() => parseScanReply('INSTREAM size limit exceeded. ERROR')).toThrow(ScannerUnavailable);
    expect(() => parseScanReply('stream: OKAY')).toThrow(ScannerUnavailable);
  });
});

describe('ClamdScanner against a clamd speaking INSTREAM', () => {
  let clamd: FakeClamd;
  let scanner: ClamdScanner;
  beforeAll(async () => {
    clamd = await startFakeClamd({ maxStreamBytes: 1_000_000 });
    scanner = new ClamdScanner({ host: '127.0.0.1', port: clamd.port, timeoutMs: 2000 });
  });
  afterAll(() => clamd.close());

  it('sends the data in length-prefixed chunks of at most 64 KiB and gets "stream: OK"', async () => {
    const data = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 7) % 256));
    expect(await scanner.scan(data, subject)).toEqual({ clean: true });
    const received = clamd.streams.at(-1);
    expect(received?.chunkSizes).toEqual([65_536, 65_536, 150_000 - 131_072]);
    expect(received?.data.equals(data)).toBe(true);
    expect(clamd.commands.at(-1)).toBe('zINSTREAM');
  });

  it('reports the signature of an infected file', async () => {
    const data = Buffer.concat([EICAR, Buffer.from('\r\n')]);
    expect(await scanner.scan(data, subject)).toEqual({ clean: false, signature: 'Eicar-Test-Signature' });
  });

  it('scans an empty file (just the zero-length terminator)', async () => {
    expect(await scanner.scan(Buffer.alloc(0), subject)).toEqual({ clean: true });
    expect(clamd.streams.at(-1)?.chunkSizes).toEqual([]);
  });

  it('takes clamd refusing a stream over its StreamMaxLength as no verdict, even if it hangs up mid-upload', async () => {
    await expect(scanner.scan(Buffer.alloc(3_000_000, 1), subject)).rejects.toThrow(/size limit exceeded/);
  });

  it('answers PING', async () => {
    expect(await scanner.reachable()).toBe(true);
    expect(clamd.commands.at(-1)).toBe('zPING');
  });
});

describe('ClamdScanner when clamd cannot answer', () => {
  it('fails with ScannerUnavailable when nothing listens', async () => {
    const port = await unusedPort();
    const scanner = new ClamdScanner({ host: '127.0.0.1', port, timeoutMs: 2000 });
    const error = await scanner.scan(Buffer.from('%PDF-1.7'), subject).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScannerUnavailable);
    expect((error as Error).message).toMatch(new RegExp(`clamd at 127.0.0.1:${port}: .*ECONNREFUSED`));
    expect(await scanner.reachable()).toBe(false);
  });

  it('gives up after the timeout when clamd stays silent', async () => {
    const silent = await startFakeClamd({ silent: true });
    try {
      const scanner = new ClamdScanner({ host: '127.0.0.1', port: silent.port, timeoutMs: 300 });
      const started = Date.now();
      await expect(scanner.scan(Buffer.from('%PDF-1.7'), subject)).rejects.toThrow(/no answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it('fails with ScannerUnavailable when the connection closes without a reply', async () => {
    const rude = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => rude.listen(0, '127.0.0.1', resolve));
    try {
      const port = (rude.address() as { port: number }).port;
      await expect(
        clamdRequest({ host: '127.0.0.1', port, timeoutMs: 1000 }, 'zINSTREAM', Buffer.from('x')),
      ).rejects.toBeInstanceOf(ScannerUnavailable);
    } finally {
      await new Promise((resolve) => rude.close(resolve));
    }
  });
});

import { connect } from 'node:net';
import { FileScanner, ScannerUnavailable, type ScanSubject, type ScanVerdict } from './file-scanner';

export interface ClamdOptions {
  host: string;
  port: number;
  /** How long clamd may stay silent (connect, transfer, scan) before the scan fails. */
  timeoutMs: number;
}

/** clamd reads INSTREAM data in chunks of at most this size (well under any StreamMaxLength). */
const CHUNK_BYTES = 64 * 1024;

/**
 * Sends one clamd command over TCP and answers its reply. The `z` form of the commands makes clamd
 * end its reply with a NUL, so the reply is complete without waiting for the connection to close.
 * With a body, the command is INSTREAM: the data follows as chunks, each preceded by its length
 * (4 bytes, big-endian), and a zero length ends the stream.
 */
export function clamdRequest(options: ClamdOptions, command: 'zPING' | 'zINSTREAM', body?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const where = `${options.host}:${options.port}`;
    const received: Buffer[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const reply = Buffer.concat(received)
        .toString('utf8')
        .replace(/\0[\s\S]*$/, '')
        .trim();
      // clamd may answer early and close (e.g. "INSTREAM size limit exceeded"): that reply, not
      // the broken pipe it leaves behind, is the answer.
      if (reply) resolve(reply);
      else
        reject(
          new ScannerUnavailable(
            error ? `clamd at ${where}: ${error.message}` : `clamd at ${where} closed the connection without an answer`,
          ),
        );
    };
    const socket = connect({ host: options.host, port: options.port });
    socket.setTimeout(options.timeoutMs, () => finish(new Error(`no answer within ${options.timeoutMs} ms`)));
    socket.on('error', (error) => finish(error));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (chunk.includes(0)) finish();
    });
    socket.once('connect', () => {
      socket.write(`${command}\0`);
      if (!body) return;
      for (let offset = 0; offset < body.length; offset += CHUNK_BYTES) {
        const piece = body.subarray(offset, offset + CHUNK_BYTES);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(piece.length);
        socket.write(length);
        socket.write(piece);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}

/** Parses an INSTREAM reply: `stream: OK`, `stream: <signature> FOUND`, or an error. */
export function parseScanReply(reply: string): ScanVerdict {
  if (reply === 'stream: OK') return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found) return { clean: false, signature: found[1] };
  throw new ScannerUnavailable(`clamd could not scan the file: ${reply}`);
}

/**
 * ClamAV's daemon over TCP (SCAN_DRIVER=clamd). A client of our own: the protocol is two commands
 * and a chunk framing (see the lib README for why not an npm client).
 */
export class ClamdScanner extends FileScanner {
  readonly description: string;

  constructor(private readonly options: ClamdOptions) {
    super();
    this.description = `clamd ${options.host}:${options.port}`;
  }

  /** clamd judges the bytes alone; the subject is for the caller's log. */
  async scan(data: Buffer, _subject?: ScanSubject): Promise<ScanVerdict> {
    return parseScanReply(await clamdRequest(this.options, 'zINSTREAM', data));
  }

  async reachable(): Promise<boolean> {
    return clamdRequest(this.options, 'zPING').then(
      (reply) => reply === 'PONG',
      () => false,
    );
  }
}

import { createServer, type Server, type Socket } from 'node:net';

/** The EICAR test file: every antivirus reports it, and it is harmless. */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');

export interface FakeClamdOptions {
  /** Replies "INSTREAM size limit exceeded" past this many bytes, as clamd's StreamMaxLength. */
  maxStreamBytes?: number;
  /** Accepts connections and never answers (for timeouts). */
  silent?: boolean;
}

export interface FakeClamd {
  port: number;
  /** The streams received, reassembled from their chunks, with the chunk sizes seen. */
  streams: Array<{ data: Buffer; chunkSizes: number[] }>;
  commands: string[];
  close: () => Promise<void>;
}

/**
 * A clamd stand-in speaking the real TCP protocol (the daemon itself is outside the system):
 * `zPING`/`nPING` → PONG, and `zINSTREAM`/`nINSTREAM` with length-prefixed chunks ended by a zero
 * length, answering `stream: OK` or `stream: Eicar-Test-Signature FOUND` when the data holds the
 * EICAR string. Malformed framing gets clamd's error reply.
 */
export async function startFakeClamd(options: FakeClamdOptions = {}): Promise<FakeClamd> {
  const streams: FakeClamd['streams'] = [];
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let command: string | null = null;
    let ending = '\0';
    const chunks: Buffer[] = [];
    const chunkSizes: number[] = [];
    let total = 0;
    let answered = false;
    const reply = (text: string) => {
      answered = true;
      socket.end(`${text}${ending}`);
    };
    const receive = (data: Buffer): void => {
      if (options.silent || answered) return;
      buffer = Buffer.concat([buffer, data]);
      if (command === null) {
        const end = buffer.findIndex((b) => b === 0 || b === 0x0a);
        if (end < 0) return;
        command = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 1);
        commands.push(command);
        ending = command.startsWith('n') ? '\n' : '\0';
        const name = command.replace(/^[zn]/, '');
        if (name === 'PING') return void reply('PONG');
        if (name !== 'INSTREAM') return void reply('UNKNOWN COMMAND');
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const data = Buffer.concat(chunks);
          streams.push({ data, chunkSizes });
          return void reply(data.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK');
        }
        if (buffer.length < 4 + length) return;
        chunks.push(Buffer.from(buffer.subarray(4, 4 + length)));
        chunkSizes.push(length);
        total += length;
        buffer = buffer.subarray(4 + length);
        if (options.maxStreamBytes !== undefined && total > options.maxStreamBytes)
          return void reply('INSTREAM size limit exceeded. ERROR');
      }
    };
    socket.on('data', receive);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    streams,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A local port nothing listens on (bound then released), for "unreachable" cases. */
export function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

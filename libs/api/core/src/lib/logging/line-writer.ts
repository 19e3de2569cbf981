import { writeSync } from 'node:fs';

/** Bytes (characters, close enough for JSON lines) gathered before one write. */
const FLUSH_SIZE = 64 * 1024;
/** The longest a line waits in memory when traffic is light. */
const FLUSH_INTERVAL_MS = 100;
/** A full non-blocking pipe (EAGAIN): wait this long before trying again, up to the limit. */
const RETRY_WAIT_MS = 10;
const RETRY_LIMIT = 500;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * The log destination: lines gathered in memory and written with one synchronous write() per
 * 64 KiB or per 100 ms, whichever comes first, and on exit.
 *
 * Why not pino.destination: its sonic-boom buffer measures the byte length of the whole pending
 * buffer on every line (flattening the concatenated string each time), and with `sync: false`
 * every flush is a round trip through libuv's thread pool. At tens of thousands of request
 * lines a second that was the largest single cost of a cheap request
 * (tools/bench/http-overhead). A synchronous write of 64 KiB every few hundred lines costs a
 * fraction of a microsecond per line, keeps lines in order with nothing in flight, and makes
 * flushing at exit exact. Lines are whole: a write never splits a line between two flushes.
 */
export class LineWriter {
  private chunks: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly fd: number) {}

  /** Stream-like, so pino can use it as its destination. */
  write(line: string): boolean {
    this.chunks.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_SIZE) this.flushSync();
    else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flushSync();
      }, FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
    return true;
  }

  /** Writes everything gathered so far; safe to call at exit. */
  flushSync(): void {
    if (this.size === 0) return;
    const data = Buffer.from(this.chunks.length === 1 ? this.chunks[0] : this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
    let offset = 0;
    let retries = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(this.fd, data, offset, data.length - offset);
      } catch (error) {
        // stdout is a full non-blocking pipe: wait for the reader, as pino's own sync mode does.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && retries++ < RETRY_LIMIT) {
          Atomics.wait(sleeper, 0, 0, RETRY_WAIT_MS);
          continue;
        }
        // The reader is gone (EPIPE) or stuck: logging must never take the api down.
        return;
      }
    }
  }
}

import { writeSync } from 'node:fs';

/** Bytes gathered before one write. */
const FLUSH_SIZE = 64 * 1024;
/** Room past the flush size for one more line of up to 16 K characters (48 KiB if every one took 3 bytes). */
const BUFFER_SIZE = FLUSH_SIZE + 48 * 1024;
/** The longest a line waits in memory when traffic is light. */
const FLUSH_INTERVAL_MS = 100;
/** A full non-blocking pipe (EAGAIN): wait this long before trying again, up to the limit. */
const RETRY_WAIT_MS = 10;
const RETRY_LIMIT = 500;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * The log destination: lines encoded into one preallocated buffer and written with one
 * synchronous write() per 64 KiB or per 100 ms, whichever comes first, and on exit.
 *
 * Why not pino.destination: its sonic-boom buffer measures the byte length of the whole pending
 * buffer on every line (flattening the concatenated string each time), and with `sync: false`
 * every flush is a round trip through libuv's thread pool. At tens of thousands of request
 * lines a second that was the largest single cost of a cheap request
 * (tools/bench/http-overhead). Encoding each line straight into a reused buffer costs no
 * allocation per line or per flush (an earlier version joined the pending strings and copied
 * them into a fresh Buffer at every flush); a synchronous write of 64 KiB every few hundred
 * lines costs a fraction of a microsecond per line, keeps lines in order with nothing in flight,
 * and makes flushing at exit exact. Lines are whole: a write never splits a line between two
 * flushes.
 */
export class LineWriter {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private length = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly fd: number) {}

  /** Stream-like, so pino can use it as its destination. */
  write(line: string): boolean {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: make room for the worst case first.
    return this.append(line, line.length * 3, 'utf8');
  }

  /**
   * A line the caller knows is ASCII (request lines, see attachRequestLogging): copied byte for
   * byte. Encoding it as UTF-8 made V8 look at every character again, which cost several times
   * the copy (tools/bench/http-overhead).
   */
  writeAscii(line: string): boolean {
    return this.append(line, line.length, 'latin1');
  }

  private append(line: string, worst: number, encoding: BufferEncoding): boolean {
    if (this.length + worst > BUFFER_SIZE) this.flushSync();
    if (worst > BUFFER_SIZE) {
      // A line longer than the buffer (a huge error dump) goes out on its own, still whole.
      const data = Buffer.from(line, encoding);
      this.writeAll(data, data.length);
      return true;
    }
    this.length += this.buffer.write(line, this.length, encoding);
    if (this.length >= FLUSH_SIZE) this.flushSync();
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
    if (this.length === 0) return;
    const length = this.length;
    this.length = 0;
    this.writeAll(this.buffer, length);
  }

  private writeAll(data: Buffer, length: number): void {
    let offset = 0;
    let retries = 0;
    while (offset < length) {
      try {
        offset += writeSync(this.fd, data, offset, length - offset);
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

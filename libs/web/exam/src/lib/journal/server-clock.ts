/**
 * The server's time as seen from the device. Anchored to a monotonic counter
 * (`performance.now()`), so changing the device's clock during an exam changes nothing; every
 * answer from the server (start, save) re-anchors it, taking the middle of the round trip.
 */
export class ServerClock {
  private anchorServerMs: number | null = null;
  private anchorMonotonicMs = 0;

  constructor(
    private readonly monotonic: () => number = () => performance.now(),
    private readonly deviceNow: () => number = () => Date.now(),
    /** serverNow - device time: used until the server is reached once (offline reload). */
    private fallbackOffsetMs = 0,
  ) {}

  /** `sentAt` and `receivedAt` are monotonic readings taken around the request. */
  sync(serverNowIso: string, sentAt: number, receivedAt: number): void {
    const serverMs = Date.parse(serverNowIso);
    if (Number.isNaN(serverMs)) return;
    this.anchorServerMs = serverMs;
    this.anchorMonotonicMs = (sentAt + receivedAt) / 2;
    this.fallbackOffsetMs = serverMs - this.deviceNow();
  }

  synced(): boolean {
    return this.anchorServerMs !== null;
  }

  /** serverNow - device time, to remember for a later offline reload. */
  offsetMs(): number {
    return this.anchorServerMs === null ? this.fallbackOffsetMs : this.now() - this.deviceNow();
  }

  now(): number {
    if (this.anchorServerMs === null) return this.deviceNow() + this.fallbackOffsetMs;
    return this.anchorServerMs + (this.monotonic() - this.anchorMonotonicMs);
  }

  reading(): number {
    return this.monotonic();
  }
}

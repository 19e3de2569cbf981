/** What a scanner is told about an upload besides its bytes (for its own log or policy). */
export interface ScanSubject {
  fileName: string;
  contentType: string;
  uploadedBy: { userId: string; username: string };
}

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

/** The scanner could not give a verdict: unreachable, silent past its timeout, or an error reply. */
export class ScannerUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ScannerUnavailable';
  }
}

/**
 * The virus-scan hook: every upload passes here before anything is stored (SCAN_DRIVER).
 * Rejects with ScannerUnavailable when no verdict can be had; SCAN_FAIL_MODE decides what then.
 */
export abstract class FileScanner {
  /** For logs: `none`, `clamd 127.0.0.1:3310`. */
  abstract readonly description: string;

  abstract scan(data: Buffer, subject: ScanSubject): Promise<ScanVerdict>;

  /** Answers whether the scanner is there (logged at boot); never throws. */
  abstract reachable(): Promise<boolean>;
}

/**
 * SCAN_DRIVER=none, the explicit default: accepts every file unscanned. Right for development and
 * tests, and for deployments whose files are scanned elsewhere (a scanning proxy, the bucket's own
 * malware protection); the api logs at boot that uploads are not scanned.
 */
export class NoScanner extends FileScanner {
  readonly description = 'none';

  async scan(): Promise<ScanVerdict> {
    return { clean: true };
  }

  async reachable(): Promise<boolean> {
    return true;
  }
}

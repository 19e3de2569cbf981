/** Test-only access to the conformance files copied into libs/psychometrics/test-data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../lib/csv';

export const TEST_DATA = join(__dirname, '..', '..', 'test-data');

export function readText(rel: string): string {
  return readFileSync(join(TEST_DATA, rel), 'utf8');
}

/** CSV with a header, as objects of strings keyed by the (unquoted) header. */
export function readTable(rel: string): Record<string, string>[] {
  const rows = parseCsv(readText(rel));
  const header = rows[0];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

export function num(s: string | undefined): number {
  if (s === undefined) throw new Error('missing value in fixture');
  return Number(s);
}

/** Asserts |actual - expected| <= tol, with a message naming what was compared. */
export function expectClose(actual: number | null | undefined, expected: number, tol: number, what: string): void {
  if (actual === null || actual === undefined || !(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected} ± ${tol}, got ${actual}`);
  }
}

export function expectRelClose(actual: number | null | undefined, expected: number, rel: number, what: string): void {
  expectClose(actual, expected, rel * Math.max(Math.abs(expected), 1e-12), what);
}

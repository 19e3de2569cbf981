import { CatalogErrors } from '../catalog.errors';

/**
 * A keyset position in a list ordered by (timestamp, id): opaque to clients. The timestamp travels
 * as PostgreSQL wrote it (microseconds), so rows written in the same millisecond are neither skipped
 * nor repeated.
 */
export interface Cursor {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined || raw === '') return null;
  const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (rest.length || !at || !id || !STAMP.test(at) || !UUID.test(id) || Number.isNaN(Date.parse(at))) throw CatalogErrors.DISCUSSION_CURSOR_INVALID();
  return { at, id };
}

/** SQL for a timestamptz column as the exact UTC text a cursor carries. */
export const cursorStamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

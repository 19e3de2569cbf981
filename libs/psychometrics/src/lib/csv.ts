/** Minimal RFC 4180 CSV reading and response-matrix parsing with row/column-precise errors. */

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Splits CSV text into rows of fields; handles quotes, CRLF and a BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field === '') {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvError(`unterminated quoted field on line ${rows.length + 1}`);
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines carry no person; drop them (including a trailing newline's empty row).
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

export interface ResponseTable {
  ids: string[];
  persons: number;
  items: number;
  /** Marks row-major; NaN = not answered. */
  values: Float64Array;
}

/**
 * Header row of item ids, then one row per person; empty = not answered.
 * Errors name the 1-based line (counting the header as line 1) and the column id.
 */
export function parseResponses(text: string): ResponseTable {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvError('file is empty: expected a header row of item ids');
  const ids = rows[0].map((s) => s.trim());
  ids.forEach((id, c) => {
    if (id === '') throw new CsvError(`header: column ${c + 1} has an empty item id`);
  });
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new CsvError(`header: duplicate item id "${id}"`);
    seen.add(id);
  }
  if (rows.length < 2) throw new CsvError('no data rows after the header');
  const J = ids.length;
  const N = rows.length - 1;
  const values = new Float64Array(N * J);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== J)
      throw new CsvError(`row ${r + 1}: has ${row.length} fields, expected ${J} (one per item in the header)`);
    for (let c = 0; c < J; c++) {
      const s = row[c].trim();
      if (s === '' || s === 'NA') {
        values[(r - 1) * J + c] = NaN;
        continue;
      }
      const v = Number(s);
      if (!Number.isFinite(v))
        throw new CsvError(`row ${r + 1}, column ${c + 1} ("${ids[c]}"): "${s}" is not a number`);
      if (v < 0) throw new CsvError(`row ${r + 1}, column ${c + 1} ("${ids[c]}"): mark ${s} is negative`);
      values[(r - 1) * J + c] = v;
    }
  }
  return { ids, persons: N, items: J, values };
}

/** One row of maximum marks (optionally after a header row of item ids). */
export function parseMaxMarks(text: string, ids: string[]): Float64Array {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvError('max-marks file is empty');
  let row = rows[0];
  let line = 1;
  if (rows.length >= 2 || row.some((s) => s.trim() !== '' && !Number.isFinite(Number(s)))) {
    const header = row.map((s) => s.trim());
    if (header.length !== ids.length || header.some((h, i) => h !== ids[i]))
      throw new CsvError(`max-marks header does not match the item ids of the responses file`);
    if (rows.length < 2) throw new CsvError('max-marks file has a header but no row of marks');
    row = rows[1];
    line = 2;
  }
  if (row.length !== ids.length)
    throw new CsvError(`max-marks row ${line}: has ${row.length} fields, expected ${ids.length}`);
  const out = new Float64Array(ids.length);
  row.forEach((s, c) => {
    const v = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(v) || v < 0)
      throw new CsvError(`max-marks row ${line}, column ${c + 1} ("${ids[c]}"): "${s}" is not a non-negative number`);
    out[c] = v;
  });
  return out;
}

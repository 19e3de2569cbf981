import ExcelJS from 'exceljs';
import type { ItemContent, ItemContentInput } from '../content/item-content';
import type { ParsedItem, ParseProblem, ParseResult } from './parsed-item';

/**
 * The spreadsheet template: one item per row on the first sheet, headers in row 1 (any order):
 * ref, type, stem, options (one per line, "id|text" or just text), key (JSON or plain),
 * explanation, topic, level, programs, tags (";"-separated), estimated_seconds, source_document,
 * source_article, source_url, partial_credit, ignore_diacritics, tolerance.
 */
export const XLSX_COLUMNS = [
  'ref', 'type', 'stem', 'options', 'key', 'explanation', 'topic', 'level', 'programs', 'tags',
  'estimated_seconds', 'source_document', 'source_article', 'source_url', 'partial_credit', 'ignore_diacritics', 'tolerance',
] as const;
type Column = (typeof XLSX_COLUMNS)[number];
const REQUIRED: Column[] = ['type', 'stem', 'key', 'topic', 'level'];

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString();
  }
  return String(v);
}

function parseKey(raw: string, type: string): unknown {
  const s = raw.trim();
  if (!s) return undefined;
  if (type === 'essay') return null;
  try {
    return JSON.parse(s);
  } catch {
    // Plain forms for hand-typed sheets: "b", "a;c", "true", "ĐÚNG", "3,5".
    if (type === 'true_false') return /^(true|đúng|t)$/i.test(s) ? true : /^(false|sai|f)$/i.test(s) ? false : s;
    if (type === 'multiple_response' || type === 'ordering' || type === 'short_answer') return s.split(/\s*;\s*/).filter(Boolean);
    if (type === 'numeric') return Number(s.replace(',', '.'));
    return s;
  }
}

export async function parseXlsx(data: Buffer): Promise<ParseResult> {
  const items: ParsedItem[] = [];
  const problems: ParseProblem[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return { items, problems: [{ line: 0, message: `not an XLSX workbook: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { items, problems: [{ line: 0, message: 'the workbook has no sheet' }] };
  const header = new Map<Column, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = cellText(cell.value).trim().toLowerCase() as Column;
    if ((XLSX_COLUMNS as readonly string[]).includes(name)) header.set(name, col);
  });
  const missing = REQUIRED.filter((c) => !header.has(c));
  if (missing.length) return { items, problems: [{ line: 1, message: `missing columns: ${missing.join(', ')}` }] };
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const get = (c: Column) => (header.has(c) ? cellText(row.getCell(header.get(c) as number).value).trim() : '');
    if (XLSX_COLUMNS.every((c) => get(c) === '')) return;
    const type = get('type');
    const optionLines = get('options').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const options = optionLines.map((l) => {
      const m = /^([A-Za-z0-9_-]{1,16})\|(.*)$/.exec(l);
      return m ? { id: m[1], text: m[2].trim() } : { text: l };
    });
    const tolerance = get('tolerance');
    const estimated = get('estimated_seconds');
    if (estimated && !/^\d+$/.test(estimated)) {
      problems.push({ line: rowNumber, message: `estimated_seconds "${estimated}" is not a whole number` });
      return;
    }
    if (tolerance && Number.isNaN(Number(tolerance.replace(',', '.')))) {
      problems.push({ line: rowNumber, message: `tolerance "${tolerance}" is not a number` });
      return;
    }
    const input: ItemContentInput = {
      type,
      stem: get('stem'),
      options,
      key: parseKey(get('key'), type),
      explanation: get('explanation') || null,
      topic: get('topic'),
      level: get('level'),
      programIds: get('programs').split(/\s*;\s*/).filter(Boolean),
      tags: get('tags').split(/\s*;\s*/).filter(Boolean),
      estimatedSeconds: estimated ? Number(estimated) : null,
      source: get('source_document') ? { document: get('source_document'), ...(get('source_article') ? { article: get('source_article') } : {}), ...(get('source_url') ? { url: get('source_url') } : {}) } : null,
      scoring: {
        ...(get('partial_credit') ? { partialCredit: get('partial_credit') as 'proportional' } : {}),
        ...(get('ignore_diacritics') ? { ignoreDiacritics: /^(true|1|có|x)$/i.test(get('ignore_diacritics')) } : {}),
        ...(tolerance ? { tolerance: Number(tolerance.replace(',', '.')) } : {}),
      },
    };
    items.push({ line: rowNumber, ref: get('ref') || undefined, input });
  });
  return { items, problems };
}

/** Writes the template with items (every field the sheet carries); with no items, an empty template. */
export async function writeXlsx(items: Array<{ ref?: string | null; content: ItemContent }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('items');
  sheet.addRow([...XLSX_COLUMNS]);
  for (const { ref, content: c } of items) {
    const values: Record<Column, string | number> = {
      ref: ref ?? '',
      type: c.type,
      stem: c.stem,
      options: c.options.map((o) => `${o.id}|${o.text}`).join('\n'),
      key: c.type === 'essay' ? '' : JSON.stringify(c.key),
      explanation: c.explanation ?? '',
      topic: c.topic,
      level: c.level,
      programs: c.programIds.join(';'),
      tags: c.tags.join(';'),
      estimated_seconds: c.estimatedSeconds ?? '',
      source_document: c.source?.document ?? '',
      source_article: c.source?.article ?? '',
      source_url: c.source?.url ?? '',
      partial_credit: c.scoring.partialCredit ?? '',
      ignore_diacritics: c.scoring.ignoreDiacritics === undefined ? '' : String(c.scoring.ignoreDiacritics),
      tolerance: c.scoring.tolerance ?? '',
    };
    sheet.addRow(XLSX_COLUMNS.map((col) => values[col]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

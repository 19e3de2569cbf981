import type { ItemImportFormat } from '@boiduong/shared-contracts';
import { parseAiken } from './aiken';
import { parseGift } from './gift';
import { parseMoodleXml } from './moodle-xml';
import type { ParseResult } from './parsed-item';
import { parseXlsx } from './xlsx';

export * from './aiken';
export * from './gift';
export * from './moodle-xml';
export * from './parsed-item';
export * from './qti';
export * from './xlsx';

/** Parses an import file of any supported format; text formats are read as UTF-8. Never throws. */
export async function parseImport(format: ItemImportFormat, data: Buffer | string): Promise<ParseResult> {
  const asText = () => (typeof data === 'string' ? data : data.toString('utf8'));
  switch (format) {
    case 'gift':
      return parseGift(asText());
    case 'aiken':
      return parseAiken(asText());
    case 'moodle-xml':
      return parseMoodleXml(asText());
    case 'xlsx':
      return parseXlsx(typeof data === 'string' ? Buffer.from(data, 'base64') : data);
    default:
      return { items: [], problems: [{ line: 0, message: `unknown format "${String(format)}"` }] };
  }
}

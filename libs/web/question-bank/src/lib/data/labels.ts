import { COGNITIVE_LEVELS, ITEM_IMPORT_FORMATS, ITEM_STATUSES, ITEM_TYPES, PARTIAL_CREDIT_RULES, type ItemImportFormat } from '@boiduong/shared-contracts';

/** The code lists the screens offer, in the API's order (labels: `questionBank.types.*` etc.). */
export const TYPES = ITEM_TYPES;
export const LEVELS = COGNITIVE_LEVELS;
export const STATUSES = ITEM_STATUSES;
export const PARTIAL_CREDIT = PARTIAL_CREDIT_RULES;
export const IMPORT_FORMATS = ITEM_IMPORT_FORMATS;

/** The usual format of a file by its name, so the user rarely has to pick one. */
export function formatOfFile(name: string): ItemImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.gift') || lower.endsWith('.gift.txt')) return 'gift';
  if (lower.endsWith('.xml')) return 'moodle-xml';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.txt')) return 'aiken';
  return null;
}

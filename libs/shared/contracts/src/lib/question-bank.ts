/** Item (question) types as stored and sent over the API. */
export const ITEM_TYPES = [
  'single_choice',
  'multiple_response',
  'true_false',
  'short_answer',
  'matching',
  'ordering',
  'numeric',
  'essay',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Cognitive levels of Vietnamese test matrices: Nhận biết, Thông hiểu, Vận dụng, Vận dụng cao. */
export const COGNITIVE_LEVELS = ['recognition', 'comprehension', 'application', 'high_application'] as const;
export type CognitiveLevel = (typeof COGNITIVE_LEVELS)[number];

/** Review workflow: draft -> in_review -> approved -> retired. */
export const ITEM_STATUSES = ['draft', 'in_review', 'approved', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** How a multiple-response item gives partial credit. */
export const PARTIAL_CREDIT_RULES = ['all_or_nothing', 'proportional', 'right_minus_wrong'] as const;
export type PartialCreditRule = (typeof PARTIAL_CREDIT_RULES)[number];

export const ITEM_IMPORT_FORMATS = ['gift', 'moodle-xml', 'aiken', 'xlsx'] as const;
export type ItemImportFormat = (typeof ITEM_IMPORT_FORMATS)[number];
/** `qti`: a zipped QTI 3.0 content package (imsmanifest.xml and one assessment item per file). */
export const ITEM_EXPORT_FORMATS = ['gift', 'moodle-xml', 'qti'] as const;
export type ItemExportFormat = (typeof ITEM_EXPORT_FORMATS)[number];

export interface ItemOption {
  id: string;
  text: string;
}

export interface ItemSource {
  document: string;
  article?: string;
  url?: string;
}

export interface RubricCriterion {
  criterion: string;
  points: number;
}

/** Per-type scoring settings that are not the key itself. */
export interface ItemScoring {
  partialCredit?: PartialCreditRule;
  /** Short answer: accept answers that differ only by diacritics (đ/Đ included). */
  ignoreDiacritics?: boolean;
  /** Numeric: accepted absolute distance from the key. */
  tolerance?: number;
  rubric?: RubricCriterion[];
}

/**
 * The key by type: an option id (single choice), option ids (multiple response), a boolean,
 * accepted strings (short answer), `[optionId, matchText]` pairs (matching), option ids in
 * order (ordering), a number (numeric), null (essay).
 */
export type ItemKey = string | string[] | boolean | number | Array<[string, string]> | null;

export interface ItemVersionView {
  itemId: string;
  version: number;
  type: ItemType;
  stem: string;
  options: ItemOption[];
  key: ItemKey;
  scoring: ItemScoring;
  explanation: string | null;
  topic: string;
  level: CognitiveLevel;
  programIds: string[];
  tags: string[];
  estimatedSeconds: number | null;
  source: ItemSource | null;
  authorId: string;
  contentHash: string;
  usedAt: string | null;
  createdAt: string;
}

export interface ItemSummary {
  id: string;
  type: ItemType;
  status: ItemStatus;
  currentVersion: number;
  approvedVersion: number | null;
  ownerOrgUnitId: string;
  stem: string;
  topic: string;
  level: CognitiveLevel;
  tags: string[];
  externalRef: string | null;
  updatedAt: string;
}

export interface SimilarItem {
  itemId: string;
  similarity: number;
}

export interface ItemWriteResult {
  id: string;
  version: number;
  status: ItemStatus;
  /** Near-duplicates in the bank (normalised stem similarity), for the author to check. */
  similar: SimilarItem[];
}

export interface ReviewComment {
  id: string;
  itemId: string;
  version: number;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface ImportProblem {
  line: number;
  message: string;
}

/** What an import would do with one valid item of the file. */
export type ImportPreviewAction = 'create' | 'update' | 'skip';

export interface ImportPreviewItem {
  line: number;
  /** The item's name in the file (GIFT title, XML name, sheet ref), if any. */
  ref: string | null;
  type: ItemType;
  /** The stem as plain text, cut to 300 characters. */
  stem: string;
  topic: string;
  action: ImportPreviewAction;
}

export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  dryRun: boolean;
  /** Dry runs only: every valid item of the file and what the import would do with it. */
  items?: ImportPreviewItem[];
}

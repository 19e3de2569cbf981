import type { ItemContentInput } from '../content/item-content';

/** One item read from a file, with where it started so that reports can point at it. */
export interface ParsedItem {
  line: number;
  /** A stable name when the format carries one (GIFT title, XML name); used to update instead of duplicating. */
  ref?: string;
  input: ItemContentInput;
}

export interface ParseProblem {
  line: number;
  message: string;
}

export interface ParseResult {
  items: ParsedItem[];
  problems: ParseProblem[];
}

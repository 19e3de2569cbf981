/**
 * Vietnamese-aware text normalisation, framework-free so that exams, imports and search
 * share one definition of "the same answer".
 */

/** Lower case, NFC, trimmed, inner whitespace collapsed to one space. */
export function normalizeSpacingAndCase(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/gu, ' ').trim();
}

/**
 * Removes diacritics: tone and vowel marks via NFD, and đ/Đ, which is a separate letter
 * (not a combining mark) and so survives NFD.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export interface NormalizeOptions {
  ignoreDiacritics?: boolean;
}

export function normalizeAnswer(text: string, options: NormalizeOptions = {}): string {
  const base = normalizeSpacingAndCase(text);
  return options.ignoreDiacritics ? stripDiacritics(base) : base;
}

/** Plain text of (sanitized) rich text: tags dropped, common entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The form used for search and duplicate detection: plain text, no case, no diacritics, no punctuation runs. */
export function searchText(html: string): string {
  return stripDiacritics(normalizeSpacingAndCase(htmlToText(html)))
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp in the reader's own time zone: `02/12/2026 08:00`. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * What someone typed on a phone, as the HTML the API stores: blank lines separate paragraphs, a
 * line break stays one. Everything typed is text (escaped), never markup.
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** A stored body back as editable text (the inverse of `textToHtml`; other markup keeps only its text). */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|blockquote|pre)>/gi, '\n\n')
    .replace(/<li[^>]*>/gi, '- ');
  const doc = new DOMParser().parseFromString(`<body>${marked}</body>`, 'text/html');
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

/** Characters as a reader counts them (a Vietnamese letter with its marks is one). */
export function charCount(text: string): number {
  return [...text.normalize('NFC')].length;
}

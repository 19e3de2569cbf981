import sanitizeHtml from 'sanitize-html';

/**
 * Rich text allowed in stems, options and explanations: formatting, lists, tables, links and
 * images (http(s) or data URIs for pasted pictures). Scripts, event handlers and styles never survive.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'blockquote',
    'code', 'pre', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', 'a', 'h3', 'h4',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  disallowedTagsMode: 'discard',
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

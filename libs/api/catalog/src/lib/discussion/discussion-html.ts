import sanitizeHtml from 'sanitize-html';

/**
 * What a question or an answer may hold: paragraphs, emphasis, lists, quotes, code and links over
 * http(s). Narrower than a lesson (no images, tables or headings: a discussion is conversation, and
 * an image from anywhere would let a post track who reads it). Everything else is dropped, with the
 * content of script-like elements.
 */
const ALLOWED_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'ul', 'ol', 'li', 'a', 'code', 'pre'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'title'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

const TEXT_ONLY: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

export function sanitizeDiscussionHtml(html: string): string {
  return sanitizeHtml(html.normalize('NFC'), OPTIONS).trim();
}

/** The text a reader sees in sanitized HTML (markup dropped, entities read back), for emptiness and length. */
export function visibleText(cleanHtml: string): string {
  return sanitizeHtml(cleanHtml, TEXT_ONLY)
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e])
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

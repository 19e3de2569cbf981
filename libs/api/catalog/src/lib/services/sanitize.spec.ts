import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { sanitizeLessonHtml } from './sanitize';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<p onclick="alert(1)">x</p>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<img src="http://example.org/x.png">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '"><script>alert(1)</script>',
];

const ALLOWED_TAGS = new Set([
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'blockquote',
  'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'span',
]);

/**
 * Anything that could run script once the output is put in a page, judged the way a browser reads it:
 * the output is parsed again, so text that merely mentions "javascript:" or " style=" inside an escaped
 * attribute value is harmless, while a real element, handler, style or script URL is not.
 */
function dangerous(html: string): string | null {
  let found: string | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (!ALLOWED_TAGS.has(name)) found ??= `tag <${name}>`;
      for (const [key, value] of Object.entries(attributes)) {
        if (key.startsWith('on') || key === 'style') found ??= `attribute ${key} on <${name}>`;
        // Browsers ignore whitespace and control characters inside a scheme, so the test must match them.
        // eslint-disable-next-line no-control-regex
        const compact = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if ((key === 'href' || key === 'src') && /^(javascript|vbscript|data):/.test(compact)) {
          found ??= `${key}="${value}" on <${name}>`;
        }
      }
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return found;
}

describe('sanitizeLessonHtml', () => {
  it('keeps ordinary lesson formatting', () => {
    const html = '<h2>Chuyên đề 1</h2><p><strong>Đoàn</strong> và <em>Hội</em></p><ul><li>a</li></ul><a href="https://doanthanhnien.vn">link</a>';
    const out = sanitizeLessonHtml(html);
    expect(out).toContain('<h2>Chuyên đề 1</h2>');
    expect(out).toContain('<strong>Đoàn</strong>');
    expect(out).toContain('href="https://doanthanhnien.vn"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it.each(PAYLOADS)('strips script from %s', (payload) => {
    expect(dangerous(sanitizeLessonHtml(payload))).toBeNull();
  });

  it('strips script from payloads mixed into random text (fuzzed)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string(), fc.constantFrom('<p>', '</p>', '<', '>', '"', "'", '<a href=', '<img ')), { maxLength: 12 }), (parts) => {
        expect(dangerous(sanitizeLessonHtml(parts.join('')))).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses images over plain http', () => {
    expect(sanitizeLessonHtml('<img src="http://example.org/x.png">')).not.toContain('src=');
  });
});

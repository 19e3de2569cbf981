import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { decodeCursor, encodeCursor } from './cursor';
import { sanitizeDiscussionHtml, visibleText } from './discussion-html';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://example.org/pixel.png">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<object data="javascript:alert(1)"></object>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<p onclick="alert(1)">x</p>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '"><script>alert(1)</script>',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
];

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'ul', 'ol', 'li', 'a', 'code', 'pre']);

/** Anything in the output, parsed again the way a browser reads it, that could run script or load from elsewhere. */
function dangerous(html: string): string | null {
  let found: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!ALLOWED_TAGS.has(name)) found ??= `tag <${name}>`;
        for (const [key, value] of Object.entries(attributes)) {
          if (key.startsWith('on') || key === 'style' || key === 'src') found ??= `attribute ${key} on <${name}>`;
          // Browsers ignore whitespace and control characters inside a scheme.
          const compact = [...value].filter((ch) => ch.charCodeAt(0) > 0x20).join('').toLowerCase();
          if (key === 'href' && /^(javascript|vbscript|data):/.test(compact)) found ??= `href="${value}" on <${name}>`;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

describe('sanitizeDiscussionHtml', () => {
  it('keeps conversational formatting and safe links', () => {
    const out = sanitizeDiscussionHtml('<p>Theo <strong>Điều lệ Đoàn</strong>, <em>đoàn viên</em>:</p><ul><li>gương mẫu</li></ul><a href="https://doanthanhnien.vn">nguồn</a>');
    expect(out).toContain('<strong>Điều lệ Đoàn</strong>');
    expect(out).toContain('<li>gương mẫu</li>');
    expect(out).toContain('href="https://doanthanhnien.vn"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it.each(PAYLOADS)('leaves nothing executable nor any outside resource in %s', (payload) => {
    expect(dangerous(sanitizeDiscussionHtml(payload))).toBeNull();
  });

  it('leaves nothing executable in payloads mixed into random text (fuzzed)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string(), fc.constantFrom('<p>', '</p>', '<', '>', '"', "'", '<a href=', '<img ')), { maxLength: 12 }), (parts) => {
        expect(dangerous(sanitizeDiscussionHtml(parts.join('')))).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('composes Vietnamese text to NFC so the same words are stored the same way', () => {
    expect(sanitizeDiscussionHtml('<p>Đoa\u0300n</p>')).toBe('<p>Đoàn</p>');
  });
});

describe('visibleText', () => {
  it('is empty for markup, whitespace and script alone', () => {
    for (const html of ['', '<p></p>', '<p> &nbsp; </p><br>', '<script>alert(1)</script>', '<img src="https://x.example/a.png">', '<ul><li> </li></ul>']) {
      expect(visibleText(sanitizeDiscussionHtml(html))).toBe('');
    }
  });

  it('reads entities back and collapses spaces, so the length limit counts what readers see', () => {
    expect(visibleText(sanitizeDiscussionHtml('<p>A &amp; B &lt;3</p>\n\n<p>  C</p>'))).toBe('A & B <3 C');
    expect([...visibleText(sanitizeDiscussionHtml(`<p><strong>${'đ'.repeat(50)}</strong></p>`))]).toHaveLength(50);
  });
});

describe('discussion cursors', () => {
  it('round-trip a microsecond timestamp and an id', () => {
    const c = { at: '2026-12-01T01:02:03.123456Z', id: '4b6f1b8e-2f1a-4c3e-9a8b-0d1e2f3a4b5c' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it.each(['not-a-cursor', Buffer.from('2026-12-01T01:02:03Z|nope').toString('base64url'), Buffer.from("x'; DROP TABLE users;--|4b6f1b8e-2f1a-4c3e-9a8b-0d1e2f3a4b5c").toString('base64url')])(
    'refuses a forged cursor %s with a stable code',
    (raw) => {
      expect(() => decodeCursor(raw)).toThrow(expect.objectContaining({ code: 'DISCUSSION_CURSOR_INVALID', status: 400 }));
    },
  );
});

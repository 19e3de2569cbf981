import { charCount, htmlToText, textToHtml } from './text';

describe('discussion text helpers', () => {
  it('turns typed paragraphs and line breaks into HTML, escaping anything that looks like markup', () => {
    expect(textToHtml('Xin chào thầy,\nem hỏi ạ.\n\n  Cảm ơn <b>thầy</b> & cô  \n\n\n')).toBe('<p>Xin chào thầy,<br>em hỏi ạ.</p><p>Cảm ơn &lt;b&gt;thầy&lt;/b&gt; &amp; cô</p>');
    expect(textToHtml('   \n \n')).toBe('');
    expect(textToHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('reads stored HTML back as the text that produced it', () => {
    const typed = 'Dòng một\ndòng hai\n\nĐoạn hai: a < b & "c"';
    expect(htmlToText(textToHtml(typed))).toBe(typed);
    expect(htmlToText('<ul><li>một</li><li>hai</li></ul><p><strong>đậm</strong></p>')).toBe('- một\n\n- hai\n\nđậm');
  });

  it('counts composed characters', () => {
    expect(charCount('Đoa\u0300n')).toBe(4);
  });
});

import { fileTypeOf, parseRange } from './file-types';

describe('parseRange', () => {
  it('reads start-end, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
  });
  it('answers null without a header and invalid for unsatisfiable ones', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=100-', 100)).toBe('invalid');
    expect(parseRange('bytes=5-1', 100)).toBe('invalid');
    expect(parseRange('items=0-1', 100)).toBe('invalid');
    expect(parseRange('bytes=0-1,5-6', 100)).toBe('invalid');
  });
});

describe('fileTypeOf', () => {
  it('knows documents, images and mp4, and nothing else', () => {
    expect(fileTypeOf('Bai giang.PDF')?.contentType).toBe('application/pdf');
    expect(fileTypeOf('a.pptx')?.ext).toEqual(['pptx']);
    expect(fileTypeOf('clip.mp4')?.sniff(Buffer.from('\0\0\0\x18ftypmp42', 'latin1'))).toBe(true);
    expect(fileTypeOf('run.exe')).toBeUndefined();
    expect(fileTypeOf('page.html')).toBeUndefined();
    expect(fileTypeOf('a.pdf')?.sniff(Buffer.from('MZ\x90\0'))).toBe(false);
  });
});

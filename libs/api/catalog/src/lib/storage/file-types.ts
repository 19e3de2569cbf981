/** Accepted upload types: extension, declared type, magic bytes and a per-type size limit. */
export interface FileType {
  ext: string[];
  contentType: string;
  maxBytes: number;
  /** Checks the first bytes, so a renamed executable is refused whatever its name. */
  sniff: (head: Buffer) => boolean;
}

const MB = 1_048_576;
const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);
const zip = (head: Buffer) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);

export const FILE_TYPES: FileType[] = [
  { ext: ['pdf'], contentType: 'application/pdf', maxBytes: 50 * MB, sniff: (h) => startsWith(h, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  {
    ext: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    maxBytes: 50 * MB,
    sniff: zip,
  },
  {
    ext: ['pptx'],
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    maxBytes: 100 * MB,
    sniff: zip,
  },
  { ext: ['png'], contentType: 'image/png', maxBytes: 10 * MB, sniff: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47]) },
  { ext: ['jpg', 'jpeg'], contentType: 'image/jpeg', maxBytes: 10 * MB, sniff: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  {
    ext: ['webp'],
    contentType: 'image/webp',
    maxBytes: 10 * MB,
    sniff: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { ext: ['mp4'], contentType: 'video/mp4', maxBytes: 2048 * MB, sniff: (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' },
];

/** The accepted type for a file name, or undefined. */
export function fileTypeOf(fileName: string): FileType | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return FILE_TYPES.find((t) => t.ext.includes(ext));
}

/** Parses a single `bytes=` range against a size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/** Every field printed on a certificate; the signature covers exactly these plus the status-list index. */
export interface PrintedFields {
  code: string;
  certificateName: string;
  issuerName: string;
  holderName: string;
  /** ISO date or null when unknown. */
  holderDateOfBirth: string | null;
  programCode: string;
  programName: string;
  courseStartsOn: string;
  courseEndsOn: string;
  result: string | null;
  issuedPlace: string;
  issuedOn: string;
  signerName: string;
  signerTitle: string;
  serialNumber: string;
  entryNumber: number;
  year: number;
}

/** dd/mm/yyyy, the way Vietnamese documents print dates. */
export function viDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** "Hà Nội, ngày 05 tháng 03 năm 2026": the place-and-date line of an official document. */
export function placeAndDate(place: string, iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

export interface PrintedLines {
  motto1: string;
  motto2: string;
  issuer: string;
  title: string;
  holder: string;
  dateOfBirth: string;
  program: string;
  courseDates: string;
  result?: string;
  placeAndDate: string;
  signerTitle: string;
  signerName: string;
  serial: string;
  registry: string;
}

/** The printed lines, in reading order, as the tests read them back from the PDF. */
export function printedLines(f: PrintedFields): PrintedLines {
  return {
    motto1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto2: 'Độc lập - Tự do - Hạnh phúc',
    issuer: f.issuerName,
    title: f.certificateName,
    holder: `Họ và tên: ${f.holderName}`,
    dateOfBirth: `Ngày sinh: ${f.holderDateOfBirth ? viDate(f.holderDateOfBirth) : '…'}`,
    program: `Đã hoàn thành chương trình: ${f.programName}`,
    courseDates: `Thời gian: từ ngày ${viDate(f.courseStartsOn)} đến ngày ${viDate(f.courseEndsOn)}`,
    ...(f.result ? { result: `Kết quả: ${f.result}` } : {}),
    placeAndDate: placeAndDate(f.issuedPlace, f.issuedOn),
    signerTitle: f.signerTitle,
    signerName: f.signerName,
    serial: `Số hiệu: ${f.serialNumber}`,
    registry: `Số vào sổ cấp chứng chỉ: ${f.entryNumber}/${f.year}`,
  };
}

/** NFC everywhere: decomposed input (common from some keyboards and imports) prints and signs identically. */
export function normalizeFields<T extends object>(f: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) out[k] = typeof v === 'string' ? v.normalize('NFC').trim() : v;
  return out as T;
}

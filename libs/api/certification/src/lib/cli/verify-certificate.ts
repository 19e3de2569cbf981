import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Environment } from '@boiduong/api-core';
import type { CertificateVerification } from '@boiduong/shared-contracts';
import { Client } from 'pg';
import { checkCredentialSignature, type OpenBadgeCredential } from '../credentials/credential';
import { viDate } from '../pdf/printed-fields';
import { checkPdfSignature, embeddedFile } from '../pdf/pdf-signature';
import { keyId } from '../services/certificate-signer.service';

/** Exit codes of `verify-certificate`, as documented: valid, not valid (or revoked), a usage problem. */
export const VERIFY_EXIT = { valid: 0, invalid: 1, usage: 2 } as const;

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const CODE = /^[A-Za-z0-9_-]{32}$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const REASONS: Record<string, { vi: string; en: string }> = {
  fraud: { vi: 'gian lận', en: 'fraud' },
  ineligible: { vi: 'cấp cho người không đủ điều kiện', en: 'issued to an ineligible person' },
  outside_authority: { vi: 'cấp không đúng thẩm quyền', en: 'issued outside the issuer’s authority' },
  altered: { vi: 'bị tẩy xóa, sửa chữa', en: 'altered' },
  lent: { vi: 'cho người khác sử dụng', en: 'lent to someone else' },
  issuer_error: { vi: 'cơ quan cấp có sai sót', en: 'the issuer’s error' },
};

export const VERIFY_USAGE = `Cách dùng / Usage:
  node dist/apps/api/main.js verify-certificate <tệp.pdf | credential.json | mã xác thực | đường dẫn xác thực> [--key <khóa công khai>] [--url <địa chỉ nền tảng>]
  node dist/apps/api/main.js verify-certificate <file.pdf | credential.json | verification code | verify link> [--key <public keys>] [--url <platform address>]

  Tệp PDF hoặc chứng chỉ số (JSON, JWT) được kiểm tra ngoại tuyến: chữ ký Ed25519 với khóa trong cơ sở dữ liệu
  (DATABASE_URL), hoặc với tệp khóa công khai --key (JWK Set của /api/v1/public/credentials/keys, một JWK, hoặc PEM)
  khi không có nền tảng. Mã xác thực được tra trực tuyến tại --url (mặc định PUBLIC_BASE_URL).
  A PDF or a credential (JSON, JWT) is checked offline: its Ed25519 signature against the keys in the database
  (DATABASE_URL), or against a public-key file --key (the JWK Set of /api/v1/public/credentials/keys, one JWK, or PEM)
  without the platform. A verification code is looked up online at --url (default PUBLIC_BASE_URL).

  Mã thoát / Exit codes: 0 hợp lệ / valid, 1 không hợp lệ hoặc đã thu hồi / not valid or revoked, 2 cách dùng / usage.`;

/** A failure to report with exit code 2: wrong arguments, an unreadable file, nothing to check against. */
class UsageProblem extends Error {}

/** What the verdict prints about the certificate, from whatever source was checked. */
interface Details {
  certificateName?: string;
  serialNumber?: string;
  holderName?: string;
  holderDateOfBirth?: string | null;
  programName?: string;
  issuerName?: string;
  issuedOn?: string;
}

interface Verdict {
  valid: boolean;
  /** The first line: what was found, in both languages. */
  headline: string;
  details: Details;
  /** Further lines (`label: value`), both languages in each. */
  notes: Array<[string, string]>;
}

/** Where status comes from and public keys are found: the platform's database, or a key file (offline). */
interface KeySource {
  describe: { vi: string; en: string };
  key: (kid: string) => KeyObject | undefined;
  db?: Client;
}

interface StatusRow {
  status: 'valid' | 'revoked' | 'replaced';
  serial_number: string;
  certificate_name: string;
  holder_name: string;
  holder_date_of_birth: string | null;
  program_name: string;
  issuer_name: string;
  issued_on: string;
  pdf_sha256: string | null;
  revocation_reason: string | null;
  revocation_decision_number: string | null;
  revoked_on: string | null;
  replaced_by: string | null;
}

/**
 * `verify-certificate`: checks a certificate PDF, a verifiable credential or a verification code
 * and prints a verdict in Vietnamese and English. Returns the exit code.
 */
export async function verifyCertificateCli(args: string[], env: Environment, io: CliOutput): Promise<number> {
  let db: Client | undefined;
  try {
    const options = parseArgs(args);
    if (options.help) {
      io.out(`${VERIFY_USAGE}\n`);
      return VERIFY_EXIT.valid;
    }
    const target = readTarget(options.target);
    let verdict: Verdict;
    if (target.kind === 'code') {
      const base = (target.base ?? options.url ?? env.PUBLIC_BASE_URL).replace(/\/+$/, '');
      const keys = options.key ? keysFromFile(options.key) : undefined;
      verdict = await verifyCode(target.code, base, keys);
    } else {
      let source: KeySource;
      if (options.key) {
        const keys = keysFromFile(options.key);
        source = {
          describe: { vi: `tệp khóa ${options.key}`, en: `key file ${options.key}` },
          key: (kid) => keys.get(kid),
        };
      } else {
        db = await connect(env.DATABASE_URL);
        source = await databaseKeys(db);
      }
      verdict =
        target.kind === 'pdf' ? await verifyPdf(target.bytes, source) : await verifyCredential(target.jwt, source);
    }
    io.out(render(verdict));
    return verdict.valid ? VERIFY_EXIT.valid : VERIFY_EXIT.invalid;
  } catch (error) {
    if (error instanceof UsageProblem) {
      io.err(`${error.message}\n\n${VERIFY_USAGE}\n`);
      return VERIFY_EXIT.usage;
    }
    throw error;
  } finally {
    await db?.end().catch(() => undefined);
  }
}

function parseArgs(args: string[]): { target: string; key?: string; url?: string; help: boolean } {
  const positional: string[] = [];
  let key: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { target: '', help: true };
    if (arg === '--key' || arg === '--url') {
      const value = args[++i];
      if (!value) throw new UsageProblem(`Thiếu giá trị sau ${arg}. / ${arg} needs a value.`);
      if (arg === '--key') key = value;
      else url = value;
    } else if (arg.startsWith('--key=')) key = arg.slice(6);
    else if (arg.startsWith('--url=')) url = arg.slice(6);
    else if (arg.startsWith('-')) throw new UsageProblem(`Tùy chọn không rõ: ${arg}. / Unknown option: ${arg}.`);
    else positional.push(arg);
  }
  if (positional.length !== 1)
    throw new UsageProblem('Cần đúng một tệp hoặc mã để kiểm tra. / Give exactly one file or code to check.');
  if (url && !/^https?:\/\/\S+$/.test(url))
    throw new UsageProblem(`--url phải là địa chỉ http(s): ${url}. / --url must be an http(s) address: ${url}.`);
  return { target: positional[0], key, url, help: false };
}

type Target =
  { kind: 'pdf'; bytes: Buffer } | { kind: 'credential'; jwt: string } | { kind: 'code'; code: string; base?: string };

function readTarget(target: string): Target {
  const isFile = (() => {
    try {
      return statSync(target).isFile();
    } catch {
      return false;
    }
  })();
  if (isFile) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(target);
    } catch (error) {
      throw new UsageProblem(`Không đọc được tệp ${target}: ${(error as Error).message} / Cannot read ${target}.`);
    }
    if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'pdf', bytes };
    const text = bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim();
    if (JWT.test(text)) return { kind: 'credential', jwt: text };
    try {
      const parsed = JSON.parse(text) as { jwt?: unknown };
      if (typeof parsed.jwt === 'string' && JWT.test(parsed.jwt.trim()))
        return { kind: 'credential', jwt: parsed.jwt.trim() };
    } catch {
      // Not JSON: refused below.
    }
    throw new UsageProblem(
      `${target} không phải tệp PDF chứng chỉ hay chứng chỉ số (JSON có "jwt", hoặc JWT). / ${target} is neither a certificate PDF nor a credential (JSON with "jwt", or a JWT).`,
    );
  }
  if (CODE.test(target)) return { kind: 'code', code: target };
  // A link from the QR code, the verify page, or the credential's own address.
  const link =
    /^(https?:\/\/.+?)\/(?:verify|api\/v1\/public\/certificates|api\/v1\/public\/credentials)\/([A-Za-z0-9_-]{32})\/?(?:[?#].*)?$/.exec(
      target,
    );
  if (link) return { kind: 'code', code: link[2], base: link[1] };
  throw new UsageProblem(
    `Không có tệp ${target}, và đây không phải mã xác thực (32 ký tự) hay đường dẫn xác thực. / There is no file ${target}, and it is not a verification code (32 characters) or a verify link.`,
  );
}

/** Every Ed25519 public key in the file, by key id (the hash of the key itself, as the platform names it). */
function keysFromFile(file: string): Map<string, KeyObject> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageProblem(
      `Không đọc được tệp khóa ${file}: ${(error as Error).message} / Cannot read the key file ${file}.`,
    );
  }
  const found: KeyObject[] = [];
  try {
    const parsed = JSON.parse(text) as { keys?: JsonWebKey[] } & JsonWebKey;
    for (const jwk of Array.isArray(parsed.keys) ? parsed.keys : [parsed]) {
      try {
        found.push(createPublicKey({ key: jwk, format: 'jwk' }));
      } catch {
        // Not a usable public key: skipped; the file must hold at least one.
      }
    }
  } catch {
    for (const pem of text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? []) {
      try {
        found.push(createPublicKey(pem));
      } catch {
        // As above.
      }
    }
  }
  const keys = new Map(found.filter((k) => k.asymmetricKeyType === 'ed25519').map((k) => [keyId(k), k]));
  if (keys.size === 0) {
    throw new UsageProblem(`Tệp ${file} không chứa khóa công khai Ed25519 nào. / ${file} holds no Ed25519 public key.`);
  }
  return keys;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new UsageProblem(
      `Không kết nối được cơ sở dữ liệu (${(error as Error).message}). Để kiểm tra ngoại tuyến, dùng --key <tệp khóa công khai>. / ` +
        `Cannot reach the database (${(error as Error).message}). To check offline, pass --key <public-key file>.`,
    );
  }
}

async function databaseKeys(db: Client): Promise<KeySource> {
  const rows = (
    await db.query<{ kid: string; public_key_pem: string }>(`SELECT kid, public_key_pem FROM certificate_signing_keys`)
  ).rows;
  const keys = new Map(rows.map((r) => [r.kid, createPublicKey(r.public_key_pem)]));
  return { describe: { vi: 'cơ sở dữ liệu', en: 'database' }, key: (kid) => keys.get(kid), db };
}

const invalid = (headline: string, details: Details = {}, notes: Verdict['notes'] = []): Verdict => ({
  valid: false,
  headline,
  details,
  notes,
});

async function verifyPdf(pdf: Buffer, source: KeySource): Promise<Verdict> {
  const check = await checkPdfSignature(pdf, source.key);
  if (check.status === 'unsigned') return verifyUnsignedPdf(pdf, source);
  if (check.status === 'malformed') {
    return invalid(
      'KHÔNG HỢP LỆ: chữ ký số trong tệp PDF bị hỏng hoặc bị thêm vào. / NOT VALID: the PDF’s digital signature is damaged or was tampered with.',
    );
  }
  if (check.status === 'unknown_key') {
    return invalid(
      `KHÔNG HỢP LỆ: tệp được ký bằng khóa ${check.kid}, không có trong ${source.describe.vi}. / NOT VALID: the file is signed with key ${check.kid}, not in the ${source.describe.en}.`,
    );
  }
  if (check.status === 'bad_signature') {
    return invalid(
      'KHÔNG HỢP LỆ: tệp PDF đã bị sửa đổi sau khi cấp (chữ ký số không khớp). / NOT VALID: the PDF was altered after issuance (its digital signature does not match).',
    );
  }
  const attached = embeddedFile(pdf);
  let jwt: string | undefined;
  try {
    const parsed = attached ? (JSON.parse(attached.toString('utf8')) as { jwt?: unknown }) : undefined;
    jwt = typeof parsed?.jwt === 'string' ? parsed.jwt : undefined;
  } catch {
    jwt = undefined;
  }
  if (!jwt)
    return invalid(
      'KHÔNG HỢP LỆ: tệp PDF không mang chứng chỉ số kèm theo. / NOT VALID: the PDF does not carry its verifiable credential.',
    );
  const credential = await checkCredential(jwt, source);
  if ('problem' in credential) return invalid(credential.problem);
  const notes: Verdict['notes'] = [
    [
      'Chữ ký số của tệp / File signature',
      `hợp lệ / valid — khóa / key ${check.kid} (${source.describe.vi} / ${source.describe.en})`,
    ],
  ];
  return withStatus(
    credential.code,
    detailsOf(credential.credential),
    notes,
    source,
    createHash('sha256').update(pdf).digest('hex'),
  );
}

/**
 * A PDF of the first version carries no signature of its own: only the platform can tell it is
 * the issued file, by the hash it recorded for the certificate the PDF names.
 */
async function verifyUnsignedPdf(pdf: Buffer, source: KeySource): Promise<Verdict> {
  if (!source.db) {
    return invalid(
      'KHÔNG XÁC THỰC ĐƯỢC NGOẠI TUYẾN: tệp PDF này không mang chữ ký số (chứng chỉ cấp trước khi tệp được ký); hãy kiểm tra bằng cơ sở dữ liệu hoặc bằng mã xác thực. / ' +
        'CANNOT BE VERIFIED OFFLINE: this PDF carries no digital signature (issued before files were signed); check it against the database or by its verification code.',
    );
  }
  const serial = infoTitle(pdf)?.split(/\s+/).pop();
  const rows = serial
    ? (await source.db.query<StatusRow & { code: string }>(`${STATUS_SELECT} WHERE c.serial_number = $1`, [serial]))
        .rows
    : [];
  const sha = createHash('sha256').update(pdf).digest('hex');
  if (!rows[0])
    return invalid(
      'KHÔNG HỢP LỆ: không có chứng chỉ nào của nền tảng ứng với tệp PDF này. / NOT VALID: no certificate of this platform matches this PDF.',
    );
  if (rows[0].pdf_sha256 !== sha) {
    return invalid(
      `KHÔNG HỢP LỆ: tệp PDF khác tệp đã cấp cho chứng chỉ số hiệu ${rows[0].serial_number} (mã băm SHA-256 không khớp). / NOT VALID: the PDF differs from the file issued for certificate ${rows[0].serial_number} (SHA-256 mismatch).`,
    );
  }
  return withStatus(
    rows[0].code,
    { serialNumber: rows[0].serial_number },
    [['Tệp PDF / PDF file', `khớp mã băm đã lưu khi cấp / matches the hash recorded at issuance (${sha})`]],
    source,
    sha,
  );
}

async function verifyCredential(jwt: string, source: KeySource): Promise<Verdict> {
  const credential = await checkCredential(jwt, source);
  if ('problem' in credential) return invalid(credential.problem);
  return withStatus(credential.code, detailsOf(credential.credential), [], source);
}

/** The credential's signature under a known key, and that it is a certificate credential of this platform. */
async function checkCredential(
  jwt: string,
  source: Pick<KeySource, 'key' | 'describe'>,
): Promise<{ code: string; kid: string; credential: OpenBadgeCredential } | { problem: string }> {
  const signature = await checkCredentialSignature(jwt, source.key);
  if (!signature.ok && signature.reason === 'malformed') {
    return { problem: 'KHÔNG HỢP LỆ: chứng chỉ số không đọc được. / NOT VALID: the credential cannot be read.' };
  }
  if (!signature.ok && signature.reason === 'unknown_key') {
    const kid = signature.kid;
    return {
      problem: `KHÔNG HỢP LỆ: chứng chỉ số được ký bằng khóa ${kid ?? '(không có)'}, không có trong ${source.describe.vi}. / NOT VALID: the credential is signed with key ${kid ?? '(none)'}, not in the ${source.describe.en}.`,
    };
  }
  if (!signature.ok) {
    return {
      problem:
        'KHÔNG HỢP LỆ: chứng chỉ số đã bị sửa đổi (chữ ký số không khớp). / NOT VALID: the credential was altered (its digital signature does not match).',
    };
  }
  const { kid, payload } = signature;
  const credential = payload as unknown as OpenBadgeCredential;
  const code =
    typeof credential.id === 'string'
      ? /\/api\/v1\/public\/credentials\/([A-Za-z0-9_-]{32})$/.exec(credential.id)?.[1]
      : undefined;
  if (!code || !Array.isArray(credential.type) || !credential.type.includes('OpenBadgeCredential')) {
    return {
      problem:
        'KHÔNG HỢP LỆ: đây không phải chứng chỉ số của nền tảng. / NOT VALID: this is not a certificate credential of the platform.',
    };
  }
  return { code, kid, credential };
}

function detailsOf(credential: OpenBadgeCredential): Details {
  const subject = credential.credentialSubject as {
    identifier?: Array<{ identityType?: string; identityHash?: string }>;
    achievement?: { name?: string };
  };
  const identity = (type: string) => subject.identifier?.find((i) => i.identityType === type)?.identityHash;
  const evidence = String(credential.evidence?.[0]?.['description'] ?? '');
  return {
    certificateName: credential.name,
    serialNumber: /^Số hiệu (\S+),/.exec(evidence)?.[1],
    holderName: identity('name'),
    holderDateOfBirth: identity('ext:dateOfBirth') ?? null,
    programName: subject.achievement?.name,
    issuerName: credential.issuer?.name,
    issuedOn: typeof credential.validFrom === 'string' ? credential.validFrom.slice(0, 10) : undefined,
  };
}

const STATUS_SELECT = `SELECT c.code, c.status, c.serial_number, c.certificate_name, c.holder_name, c.holder_date_of_birth::text AS holder_date_of_birth,
  c.program_name, c.issuer_name, c.issued_on::text AS issued_on, c.pdf_sha256, c.revocation_reason, c.revocation_decision_number, c.revoked_on::text AS revoked_on,
  (SELECT r.serial_number FROM certificates r WHERE r.id = c.replaced_by_id) AS replaced_by FROM certificates c`;

/** Adds the status from the database; offline, says it was not checked. */
async function withStatus(
  code: string,
  details: Details,
  notes: Verdict['notes'],
  source: KeySource,
  fileSha?: string,
): Promise<Verdict> {
  if (!source.db) {
    return {
      valid: true,
      headline: 'HỢP LỆ (chữ ký số) / VALID (digital signature)',
      details,
      notes: [
        ...notes,
        ['Tình trạng / Status', 'chưa kiểm tra thu hồi vì đang ngoại tuyến / revocation not checked (offline)'],
      ],
    };
  }
  const [row] = (await source.db.query<StatusRow>(`${STATUS_SELECT} WHERE c.code = $1`, [code])).rows;
  if (!row)
    return invalid(
      'KHÔNG HỢP LỆ: chứng chỉ không có trong sổ cấp chứng chỉ của nền tảng. / NOT VALID: the certificate is not in the platform’s registry.',
      details,
      notes,
    );
  // The registry's copy of the printed fields (the same as the credential's, for a signed file).
  const all: Details = {
    certificateName: row.certificate_name,
    serialNumber: row.serial_number,
    holderName: row.holder_name,
    holderDateOfBirth: row.holder_date_of_birth,
    programName: row.program_name,
    issuerName: row.issuer_name,
    issuedOn: row.issued_on,
  };
  if (fileSha && row.pdf_sha256 && row.pdf_sha256 !== fileSha) {
    return invalid(
      'KHÔNG HỢP LỆ: tệp PDF khác tệp đã cấp (mã băm SHA-256 không khớp). / NOT VALID: the PDF differs from the file issued (SHA-256 mismatch).',
      all,
      notes,
    );
  }
  return statusVerdict(
    {
      status: row.status,
      revocation: row.revoked_on
        ? {
            reason: row.revocation_reason ?? '',
            decisionNumber: row.revocation_decision_number ?? '',
            decidedOn: row.revoked_on,
          }
        : null,
      replacedBy: row.replaced_by,
    },
    all,
    notes,
  );
}

function statusVerdict(
  s: {
    status: string;
    revocation: { reason: string; decisionNumber: string; decidedOn: string } | null;
    replacedBy: string | null;
  },
  details: Details,
  notes: Verdict['notes'],
): Verdict {
  if (s.status === 'revoked') {
    const r = s.revocation;
    const reason = r ? (REASONS[r.reason] ?? { vi: r.reason, en: r.reason }) : undefined;
    const headline =
      r && reason
        ? `ĐÃ THU HỒI theo quyết định số ${r.decisionNumber} ngày ${viDate(r.decidedOn)}, lý do: ${reason.vi}. / REVOKED by decision ${r.decisionNumber} of ${r.decidedOn}, reason: ${reason.en}.`
        : 'ĐÃ THU HỒI. / REVOKED.';
    return invalid(headline, details, [...notes, ['Tình trạng / Status', 'đã thu hồi / revoked']]);
  }
  if (s.status === 'replaced') {
    return invalid(
      s.replacedBy
        ? `ĐÃ ĐƯỢC CẤP LẠI: chứng chỉ mới số hiệu ${s.replacedBy}. / REPLACED by certificate ${s.replacedBy}.`
        : 'ĐÃ ĐƯỢC CẤP LẠI. / REPLACED.',
      details,
      [...notes, ['Tình trạng / Status', 'đã được thay thế / replaced']],
    );
  }
  return {
    valid: true,
    headline: 'HỢP LỆ / VALID',
    details,
    notes: [...notes, ['Tình trạng / Status', 'còn hiệu lực / valid']],
  };
}

/**
 * A code: the platform's public verification (status, and its own check of the stored fields
 * against the certificate's signature), plus the credential checked here against the published
 * keys (or --key), so a verdict never rests on the platform's word alone.
 */
async function verifyCode(code: string, base: string, keys: Map<string, KeyObject> | undefined): Promise<Verdict> {
  const get = async (path: string, accept = 'application/json') => {
    try {
      return await fetch(`${base}${path}`, { headers: { accept }, signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw new UsageProblem(
        `Không kết nối được ${base} (${(error as Error).message}). / Cannot reach ${base} (${(error as Error).message}).`,
      );
    }
  };
  const verification = await get(`/api/v1/public/certificates/${code}`);
  if (verification.status === 404)
    return invalid(
      `KHÔNG HỢP LỆ: không có chứng chỉ nào mang mã ${code}. / NOT VALID: no certificate has the code ${code}.`,
    );
  if (!verification.ok)
    throw new UsageProblem(`${base} trả lời ${verification.status}. / ${base} answered ${verification.status}.`);
  const v = (await verification.json()) as CertificateVerification;
  const details: Details = {
    certificateName: v.certificateName,
    serialNumber: v.serialNumber,
    holderName: v.holderName,
    holderDateOfBirth: v.holderDateOfBirth,
    programName: v.programName,
    issuerName: v.issuerName,
    issuedOn: v.issuedOn,
  };
  if (!v.signatureValid) {
    return invalid(
      'KHÔNG HỢP LỆ: dữ liệu chứng chỉ không khớp chữ ký số (có thể đã bị sửa đổi). / NOT VALID: the certificate data does not match its digital signature (it may have been altered).',
      details,
    );
  }
  const credential = await get(`/api/v1/public/credentials/${code}`, 'application/vc+jwt');
  if (!credential.ok)
    throw new UsageProblem(`${base} trả lời ${credential.status}. / ${base} answered ${credential.status}.`);
  let keySource: Pick<KeySource, 'key' | 'describe'>;
  if (keys) keySource = { describe: { vi: 'tệp khóa', en: 'key file' }, key: (kid) => keys.get(kid) };
  else {
    const published = await get('/api/v1/public/credentials/keys');
    const jwks = (await published.json()) as { keys?: JsonWebKey[] };
    const map = new Map<string, KeyObject>();
    for (const jwk of jwks.keys ?? []) {
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      map.set(keyId(key), key);
    }
    keySource = {
      describe: { vi: `khóa công bố tại ${base}`, en: `keys published at ${base}` },
      key: (kid) => map.get(kid),
    };
  }
  const checked = await checkCredential((await credential.text()).trim(), keySource);
  if ('problem' in checked) return invalid(checked.problem, details);
  if (checked.code !== code)
    return invalid(
      'KHÔNG HỢP LỆ: nền tảng trả về chứng chỉ số của một chứng chỉ khác. / NOT VALID: the platform answered with another certificate’s credential.',
      details,
    );
  const notes: Verdict['notes'] = [
    [
      'Chữ ký số / Digital signature',
      `hợp lệ / valid — khóa / key ${checked.kid} (${keySource.describe.vi} / ${keySource.describe.en})`,
    ],
    ['Mã băm tệp PDF đã cấp / SHA-256 of the issued PDF', v.pdfSha256 ?? '—'],
  ];
  return statusVerdict(
    { status: v.status, revocation: v.revocation, replacedBy: v.replacedBy?.serialNumber ?? null },
    details,
    notes,
  );
}

/** The information dictionary's title (`<certificate name> <serial>`), literal or UTF-16 hex, as pdfkit writes it. */
function infoTitle(pdf: Buffer): string | undefined {
  const text = pdf.toString('latin1');
  const ref = /\/Title (\d+) 0 R/.exec(text);
  if (!ref) return undefined;
  const value = new RegExp(`\\n${ref[1]} 0 obj\\n(<[0-9a-fA-F]*>|\\((?:[^()\\\\]|\\\\.)*\\))\\nendobj`).exec(text)?.[1];
  if (!value) return undefined;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const bytes = value.startsWith('(')
    ? Buffer.from(
        value.slice(1, -1).replace(/\\(.)/gs, (_, c: string) => escapes[c] ?? c),
        'latin1',
      )
    : Buffer.from(value.slice(1, -1), 'hex');
  if (bytes[0] !== 0xfe || bytes[1] !== 0xff) return bytes.toString('latin1');
  // UTF-16BE with its byte-order mark: swap to little-endian for Node's decoder.
  const swapped = Buffer.from(bytes.subarray(2));
  swapped.swap16();
  return swapped.toString('utf16le');
}

function render(v: Verdict): string {
  const rows: Array<[string, string | undefined]> = [
    ['Chứng chỉ / Certificate', v.details.certificateName],
    ['Số hiệu / Serial number', v.details.serialNumber],
    [
      'Họ và tên / Holder',
      v.details.holderName
        ? `${v.details.holderName}${v.details.holderDateOfBirth ? ` (${viDate(v.details.holderDateOfBirth)})` : ''}`
        : undefined,
    ],
    ['Chương trình / Program', v.details.programName],
    ['Đơn vị cấp / Issuer', v.details.issuerName],
    ['Ngày cấp / Issued on', v.details.issuedOn ? viDate(v.details.issuedOn) : undefined],
    ...v.notes,
  ];
  const shown = rows.filter((r): r is [string, string] => !!r[1]);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return `${v.headline}\n${shown.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}

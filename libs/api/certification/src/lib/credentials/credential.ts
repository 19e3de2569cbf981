import type { KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';

/** W3C Verifiable Credentials 2.0 and Open Badges 3.0 JSON-LD contexts. */
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Media types of the JWT headers (VC-JOSE-COSE): the payload is the credential itself. */
export const CREDENTIAL_JWT_TYP = 'vc+jwt';

/**
 * Bits per status list: 131,072 (16 KiB), the Bitstring Status List minimum, so that fetching a
 * list tells nothing about which credential is being checked (herd privacy). A certificate's
 * global status index picks the list (index / size) and the bit inside it (index % size).
 */
export const STATUS_LIST_BITS = 131_072;

export function statusListPosition(index: number): { list: number; bit: number } {
  return { list: Math.floor(index / STATUS_LIST_BITS), bit: index % STATUS_LIST_BITS };
}

/** The paths every credential link is built from; all under the public api, no login. */
export function credentialUrls(base: string) {
  const root = `${base}/api/v1/public/credentials`;
  return {
    credential: (code: string) => `${root}/${code}`,
    issuer: (unitId: string) => `${root}/issuers/${unitId}`,
    platformIssuer: `${root}/issuers/platform`,
    statusList: (list: number) => `${root}/status/${list}`,
    keys: `${root}/keys`,
  };
}

/** The certificate fields a credential states. */
export interface CredentialSource {
  code: string;
  issuerUnitId: string;
  issuerName: string;
  certificateName: string;
  holderName: string;
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
  titles: string[];
  statusListIndex: number;
}

export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; type: string[]; name: string };
  name: string;
  validFrom: string;
  credentialSubject: Record<string, unknown>;
  evidence: Array<Record<string, unknown>>;
  credentialStatus: {
    id: string;
    type: 'BitstringStatusListEntry';
    statusPurpose: 'revocation';
    statusListIndex: string;
    statusListCredential: string;
  };
}

/** Certificates are dated in Vietnam; the credential is valid from that day's midnight there. */
const vietnamMidnight = (date: string) => `${date}T00:00:00+07:00`;

/** The Open Badges 3.0 credential stating one certificate (unsigned). */
export function buildCredential(base: string, c: CredentialSource, verifyUrl: string): OpenBadgeCredential {
  const urls = credentialUrls(base);
  const { list, bit } = statusListPosition(c.statusListIndex);
  const identifiers: Array<Record<string, unknown>> = [
    { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.holderName },
  ];
  // OB 3.0 allows extension identity types prefixed "ext:"; the date of birth is printed on the certificate.
  if (c.holderDateOfBirth) identifiers.push({ type: 'IdentityObject', identityType: 'ext:dateOfBirth', hashed: false, identityHash: c.holderDateOfBirth });
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: urls.credential(c.code),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: urls.issuer(c.issuerUnitId), type: ['Profile'], name: c.issuerName },
    name: c.certificateName,
    validFrom: vietnamMidnight(c.issuedOn),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: identifiers,
      activityStartDate: vietnamMidnight(c.courseStartsOn),
      activityEndDate: vietnamMidnight(c.courseEndsOn),
      ...(c.result ? { result: [{ type: ['Result'], value: c.result }] } : {}),
      achievement: {
        id: `urn:boiduong:program:${encodeURIComponent(c.programCode)}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: c.programName,
        description: `${c.certificateName}: ${c.programName}`,
        criteria: { narrative: 'Tham gia đủ chương trình, đạt từ 50% trở lên ở mỗi bài kiểm tra bắt buộc và chấp hành quy chế lớp học (Thông tư 03/2023/TT-BNV).' },
        humanCode: c.programCode,
        ...(c.titles.length ? { tag: [...c.titles] } : {}),
      },
    },
    evidence: [
      {
        id: verifyUrl,
        type: ['Evidence'],
        name: 'Sổ cấp chứng chỉ',
        description: `Số hiệu ${c.serialNumber}, số vào sổ ${c.entryNumber}/${c.year}; ${c.issuedPlace}, ${c.issuedOn}; ${c.signerTitle} ${c.signerName}`,
      },
    ],
    credentialStatus: {
      id: `${urls.statusList(list)}#${bit}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(bit),
      statusListCredential: urls.statusList(list),
    },
  };
}

/** The JWT claims around a credential: issuer and id mirror the credential for JWT tooling. */
export function credentialClaims(credential: OpenBadgeCredential): OpenBadgeCredential & { iss: string; jti: string; nbf: number } {
  return { ...credential, iss: credential.issuer.id, jti: credential.id, nbf: Math.floor(Date.parse(credential.validFrom) / 1000) };
}

/**
 * GZIP-compressed, base64url-encoded bitstring with the multibase prefix "u", as the Bitstring
 * Status List specification requires. Index 0 is the leftmost (most significant) bit of byte 0.
 */
export function encodeStatusList(setBits: Iterable<number>, size = STATUS_LIST_BITS): string {
  const bytes = Buffer.alloc(size / 8);
  for (const bit of setBits) {
    if (bit < 0 || bit >= size) throw new RangeError(`status bit ${bit} outside the list`);
    bytes[bit >> 3] |= 0x80 >> (bit & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

export function decodeStatusList(encoded: string): Buffer {
  if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url (prefix u)');
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}

export function statusBit(list: Buffer, bit: number): boolean {
  if (bit < 0 || bit >= list.length * 8) throw new RangeError(`status bit ${bit} outside the list`);
  return (list[bit >> 3] & (0x80 >> (bit & 7))) !== 0;
}

/** Why a credential's signature does not hold, or its payload when it does. */
export type CredentialSignature =
  | { ok: true; kid: string; payload: JWTPayload }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature'; kid?: string };

/**
 * The signature of a credential JWT under the key its header names: the one check the api's
 * verification and the command-line check share (each then judges the payload its own way).
 */
export async function checkCredentialSignature(
  jwt: string,
  keyFor: (kid: string) => KeyObject | undefined | Promise<KeyObject | undefined>,
): Promise<CredentialSignature> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(jwt).kid;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const key = kid ? await keyFor(kid) : undefined;
  if (!kid || !key) return { ok: false, reason: 'unknown_key', kid };
  try {
    const { payload } = await jwtVerify(jwt, key, { algorithms: ['EdDSA'], typ: CREDENTIAL_JWT_TYP });
    return { ok: true, kid, payload };
  } catch {
    return { ok: false, reason: 'bad_signature', kid };
  }
}

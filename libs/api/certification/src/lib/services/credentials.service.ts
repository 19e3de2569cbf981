import { AppConfig } from '@boiduong/api-core';
import type { CredentialVerification, CredentialVerificationProblem } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { JWTPayload } from 'jose';
import { DataSource, Repository } from 'typeorm';
import { CertificationErrors } from '../certification.errors';
import {
  buildCredential,
  checkCredentialSignature,
  credentialClaims,
  credentialUrls,
  CREDENTIAL_JWT_TYP,
  decodeStatusList,
  encodeStatusList,
  STATUS_LIST_BITS,
  statusBit,
  statusListPosition,
  VC_CONTEXT,
  type CredentialSource,
  type OpenBadgeCredential,
} from '../credentials/credential';
import { Certificate } from '../entities/certificate.entity';
import { CertificateSigner } from './certificate-signer.service';

const CODE_PATTERN = /^[A-Za-z0-9_-]{32}$/;
/** Status lists are numbered from 0; a bound keeps a crafted number from becoming a huge scan. */
const MAX_LIST = 100_000;
const STATUS_LIST_TYP = 'vc+jwt';

export interface SignedCredential {
  jwt: string;
  credential: OpenBadgeCredential;
}

/**
 * The certificate as an Open Badges 3.0 verifiable credential (a JWT signed with the certificate
 * key), the Bitstring Status List that says which credentials are revoked, and verification of
 * a presented credential: signature, issuer, and status.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly signer: CertificateSigner,
    @InjectRepository(Certificate) private readonly certificates: Repository<Certificate>,
  ) {}

  private get urls() {
    return credentialUrls(this.config.env.PUBLIC_BASE_URL);
  }

  private verifyUrl(code: string): string {
    return `${this.config.env.PUBLIC_BASE_URL}/verify/${code}`;
  }

  /** Signs the credential of a certificate being issued (called inside the issuing transaction). */
  async sign(source: CredentialSource): Promise<string> {
    const credential = buildCredential(this.config.env.PUBLIC_BASE_URL, source, this.verifyUrl(source.code));
    return this.signer.signJwt({ ...credentialClaims(credential) }, CREDENTIAL_JWT_TYP);
  }

  /** The certificate's credential; certificates issued before credentials existed get theirs signed and kept now. */
  async credentialOf(certificate: Certificate): Promise<SignedCredential> {
    if (!certificate.credentialJwt) {
      const jwt = await this.sign(certificate);
      await this.db.query(`UPDATE certificates SET credential_jwt = $2 WHERE id = $1 AND credential_jwt IS NULL`, [certificate.id, jwt]);
      const [row] = await this.db.query(`SELECT credential_jwt FROM certificates WHERE id = $1`, [certificate.id]);
      certificate.credentialJwt = row.credential_jwt as string;
    }
    return { jwt: certificate.credentialJwt, credential: payloadOf(certificate.credentialJwt) };
  }

  /** Public: the credential by the code printed on the certificate; 404 like any miss otherwise. */
  async byCode(code: string): Promise<SignedCredential> {
    const certificate = await this.certificates.findOne({ where: { code: CODE_PATTERN.test(code) ? code : '-' } });
    if (!certificate) throw CertificationErrors.CERTIFICATE_NOT_FOUND();
    return this.credentialOf(certificate);
  }

  /** The bits of one status list: set for every certificate no longer valid (revoked, or replaced after an issuer error). */
  private async revokedBits(list: number): Promise<number[]> {
    const rows: Array<{ index: number }> = await this.db.query(
      `SELECT status_list_index AS index FROM certificates
        WHERE status <> 'valid' AND status_list_index >= $1 AND status_list_index < $2`,
      [list * STATUS_LIST_BITS, (list + 1) * STATUS_LIST_BITS],
    );
    return rows.map((r) => statusListPosition(r.index).bit);
  }

  /** The Bitstring Status List credential number `list`, signed now, so a revocation shows at once. */
  async statusList(list: number): Promise<SignedCredential> {
    if (!Number.isInteger(list) || list < 0 || list > MAX_LIST) throw CertificationErrors.CREDENTIAL_STATUS_LIST_NOT_FOUND();
    const url = this.urls.statusList(list);
    const now = new Date();
    const credential = {
      '@context': [VC_CONTEXT],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: this.urls.platformIssuer, type: ['Profile'], name: 'Bồi dưỡng' },
      validFrom: now.toISOString(),
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeStatusList(await this.revokedBits(list)) },
    };
    const jwt = await this.signer.signJwt({ ...credential, iss: credential.issuer.id, jti: url, iat: Math.floor(now.getTime() / 1000) }, STATUS_LIST_TYP);
    return { jwt, credential: credential as unknown as OpenBadgeCredential };
  }

  /** The Open Badges issuer profile of an org unit (the credential's `issuer.id` resolves here). */
  async issuerProfile(unitId: string): Promise<{ '@context': string[]; id: string; type: string[]; name: string; url: string }> {
    const [unit] = await this.db.query(`SELECT id, name FROM org_units WHERE id = $1`, [unitId]);
    if (!unit) throw CertificationErrors.CERTIFICATE_ISSUER_NOT_FOUND();
    return { '@context': [VC_CONTEXT], id: this.urls.issuer(unit.id), type: ['Profile'], name: unit.name, url: this.config.env.PUBLIC_BASE_URL };
  }

  publishedKeys() {
    return this.signer.publishedKeys();
  }

  /**
   * Verifies a presented credential JWT: the signature under a key this platform published, the
   * issuer (a known unit, the one that issued the certificate), and the revocation bit in the
   * current status list. Reports the first failing check; never throws for a bad credential.
   */
  async verify(jwt: string): Promise<CredentialVerification> {
    const fail = (reason: CredentialVerificationProblem, checks: Partial<CredentialVerification['checks']> = {}, extra: Partial<CredentialVerification> = {}): CredentialVerification => ({
      verified: false,
      reason,
      checks: { signature: false, issuer: false, status: false, ...checks },
      ...extra,
    });
    const signature = await checkCredentialSignature(jwt, (kid) => this.signer.publicKey(kid));
    if (!signature.ok) return fail(signature.reason);
    const credential = signature.payload as unknown as Partial<OpenBadgeCredential> & JWTPayload;
    const types = Array.isArray(credential.type) ? credential.type : [];
    const statusEntry = credential.credentialStatus;
    const code = typeof credential.id === 'string' ? credential.id.slice(this.urls.credential('').length) : '';
    if (!types.includes('VerifiableCredential') || !types.includes('OpenBadgeCredential') || !statusEntry || !credential.issuer?.id || credential.id !== this.urls.credential(code)) {
      return fail('not_a_certificate_credential', { signature: true });
    }
    const certificate = CODE_PATTERN.test(code) ? await this.certificates.findOne({ where: { code } }) : null;
    const issuerOk = !!certificate && credential.issuer.id === this.urls.issuer(certificate.issuerUnitId) && credential.iss === credential.issuer.id;
    if (!certificate || !issuerOk) return fail('unknown_issuer', { signature: true });
    const ids = { credentialId: credential.id, code: certificate.code };
    const list = Number(statusEntry.statusListCredential?.slice(this.urls.statusList(0).length - 1));
    const bit = Number(statusEntry.statusListIndex);
    if (
      statusEntry.type !== 'BitstringStatusListEntry' ||
      statusEntry.statusPurpose !== 'revocation' ||
      !Number.isInteger(list) ||
      statusEntry.statusListCredential !== this.urls.statusList(list) ||
      !Number.isInteger(bit) ||
      bit < 0 ||
      bit >= STATUS_LIST_BITS
    ) {
      return fail('unknown_status_list', { signature: true, issuer: true }, ids);
    }
    // Read the bit from the status list exactly as a third party would, not from the row.
    const published = await this.statusList(list);
    const revoked = statusBit(decodeStatusList(String(published.credential.credentialSubject['encodedList'])), bit);
    if (revoked) return fail('revoked', { signature: true, issuer: true }, { ...ids, status: certificate.status });
    return { verified: true, checks: { signature: true, issuer: true, status: true }, ...ids, status: certificate.status };
  }
}

function payloadOf(jwt: string): OpenBadgeCredential {
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
  delete claims.iss;
  delete claims.jti;
  delete claims.nbf;
  return claims as OpenBadgeCredential;
}

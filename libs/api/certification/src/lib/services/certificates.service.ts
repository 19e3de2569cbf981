import { createHash, randomBytes } from 'node:crypto';
import { AppConfig, type Principal } from '@boiduong/api-core';
import { Permission, type CertificateEntry, type CertificateVerification, type RevocationReason } from '@boiduong/shared-contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { CertificationErrors } from '../certification.errors';
import { Certificate } from '../entities/certificate.entity';
import { CertificateRuleSet } from '../entities/rule-set.entity';
import { renderCertificatePdf, renderSignableCertificatePdf } from '../pdf/certificate-pdf';
import { applyPdfSignature } from '../pdf/pdf-signature';
import { normalizeFields, type PrintedFields } from '../pdf/printed-fields';
import { evaluateEligibility, ruleSetInForce } from '../rules/rules';
import { ArtworkService } from './artwork.service';
import { CertificateSigner } from './certificate-signer.service';
import { CredentialsService } from './credentials.service';
import { todayInVietnam, type IssueCertificateInput } from './issuance';
import { Semaphore } from './semaphore';

const DEFAULT_CERTIFICATE_NAME = 'CHỨNG CHỈ BỒI DƯỠNG';
/**
 * Issuances one process runs at once. Their transactions queue on the counter row's lock anyway,
 * so more would only hold (or wait for) pool connections: a burst of issuances (a bulk job, a
 * course closing) would starve every other request of connections and time out.
 */
const CONCURRENT_ISSUANCES = 3;
/** 24 random bytes: 32 base64url characters, far beyond enumeration. */
const CODE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

interface UnitRow {
  id: string;
  code: string;
  name: string;
  path: string;
  parent_id: string | null;
  valid_to: string | null;
  heir_paths: string[] | null;
}

/** The fields the signature covers: every printed field plus the status-list index. */
export function signedClaims(c: Pick<Certificate, keyof PrintedFields | 'statusListIndex'>): object {
  return {
    code: c.code,
    certificateName: c.certificateName,
    issuerName: c.issuerName,
    holderName: c.holderName,
    holderDateOfBirth: c.holderDateOfBirth,
    programCode: c.programCode,
    programName: c.programName,
    courseStartsOn: c.courseStartsOn,
    courseEndsOn: c.courseEndsOn,
    result: c.result,
    issuedPlace: c.issuedPlace,
    issuedOn: c.issuedOn,
    signerName: c.signerName,
    signerTitle: c.signerTitle,
    serialNumber: c.serialNumber,
    entryNumber: c.entryNumber,
    year: c.year,
    statusListIndex: c.statusListIndex,
  };
}

export function printedFieldsOf(c: Certificate): PrintedFields {
  return {
    code: c.code,
    certificateName: c.certificateName,
    issuerName: c.issuerName,
    holderName: c.holderName,
    holderDateOfBirth: c.holderDateOfBirth,
    programCode: c.programCode,
    programName: c.programName,
    courseStartsOn: c.courseStartsOn,
    courseEndsOn: c.courseEndsOn,
    result: c.result,
    issuedPlace: c.issuedPlace,
    issuedOn: c.issuedOn,
    signerName: c.signerName,
    signerTitle: c.signerTitle,
    serialNumber: c.serialNumber,
    entryNumber: c.entryNumber,
    year: c.year,
  };
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const d = (e as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  return e instanceof QueryFailedError && d?.code === '23505' && d?.constraint === constraint;
}

/** Issues certificates into the registry book, answers for them, revokes them. */
@Injectable()
export class CertificatesService {
  private readonly logger = new Logger('Certificates');
  private readonly issuing = new Semaphore(CONCURRENT_ISSUANCES);

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly signer: CertificateSigner,
    private readonly credentials: CredentialsService,
    private readonly artwork: ArtworkService,
    @InjectRepository(Certificate) private readonly certificates: Repository<Certificate>,
    @InjectRepository(CertificateRuleSet) private readonly ruleSets: Repository<CertificateRuleSet>,
  ) {}

  verifyUrl(code: string): string {
    return `${this.config.env.PUBLIC_BASE_URL}/verify/${code}`;
  }

  private async unit(id: string, m: EntityManager | DataSource = this.db): Promise<UnitRow | undefined> {
    const [row] = await m.query(
      `SELECT id, code, name, path::text AS path, parent_id, valid_to::text AS valid_to, heir_paths::text[] AS heir_paths FROM org_units WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** The principal may act for this unit: inside its subtree, or a closed predecessor of something inside it. */
  private canActFor(principal: Principal, unit: UnitRow): boolean {
    return [unit.path, ...(unit.heir_paths ?? [])].some((p) => principal.can(Permission.CertificateIssue, p));
  }

  /**
   * The body answerable for a certificate: the issuer while it exists; once closed, its successor
   * when the tree records one (a merge), otherwise its direct superior.
   */
  async responsibleBody(issuer: UnitRow, today = todayInVietnam()): Promise<{ unit: UnitRow; issuerClosed: boolean }> {
    let current = issuer;
    // Follows successions (a merged unit may itself have merged later); bounded against bad data.
    for (let hop = 0; hop < 16; hop++) {
      if (!current.valid_to || current.valid_to > today) return { unit: current, issuerClosed: current.id !== issuer.id };
      const [next] = await this.db.query(
        `SELECT successor_id FROM org_unit_successions WHERE predecessor_id = $1 ORDER BY effective_on DESC, created_at LIMIT 1`,
        [current.id],
      );
      const nextId: string | null = next?.successor_id ?? current.parent_id;
      const nextUnit = nextId ? await this.unit(nextId) : undefined;
      if (!nextUnit) return { unit: current, issuerClosed: true };
      current = nextUnit;
    }
    return { unit: current, issuerClosed: true };
  }

  /**
   * Issues one certificate. `principal` null means a trusted internal caller (the bulk job, the
   * catalog). Callers then render it with `pdf()`, outside the transaction: the counter lock is
   * never held for rendering, and an api serving many issuances at once is not starved by it.
   */
  issue(principal: Principal | null, raw: IssueCertificateInput): Promise<Certificate> {
    return this.issuing.run(() => this.issueNow(principal, raw));
  }

  private async issueNow(principal: Principal | null, raw: IssueCertificateInput): Promise<Certificate> {
    const issuer = await this.unit(raw.issuerUnitId);
    if (!issuer || (principal && !this.canActFor(principal, issuer))) throw CertificationErrors.CERTIFICATE_ISSUER_NOT_FOUND();
    const today = todayInVietnam();
    if (issuer.valid_to && issuer.valid_to <= today) throw CertificationErrors.CERTIFICATE_ISSUER_CLOSED();
    const issuedOn = raw.issuedOn ?? today;
    if (raw.course.startsOn > raw.course.endsOn || issuedOn > today || raw.course.startsOn > issuedOn) {
      throw CertificationErrors.CERTIFICATE_DATE_INVALID();
    }
    const set = ruleSetInForce(await this.ruleSets.find(), issuedOn);
    if (!set) throw CertificationErrors.CERTIFICATE_NO_RULE_SET();
    const decision = evaluateEligibility(set.code, set.rules, raw.completion);
    if (!decision.eligible) throw CertificationErrors.CERTIFICATE_NOT_ELIGIBLE({ ruleSetCode: set.code, unmet: decision.unmet });

    let issued: Certificate;
    try {
      issued = await this.db.transaction(async (m) => {
        let replaced: Certificate | undefined;
        if (raw.reissue) {
          replaced = (await m.getRepository(Certificate).findOne({ where: { id: raw.reissue.ofCertificateId }, lock: { mode: 'pessimistic_write' } })) ?? undefined;
          if (!replaced || replaced.userId !== raw.learner.userId || replaced.courseId !== raw.course.id || replaced.status !== 'valid' || !raw.reissue.note.trim()) {
            throw CertificationErrors.CERTIFICATE_REISSUE_INVALID();
          }
          await m.query(`UPDATE certificates SET status = 'replaced', updated_at = now() WHERE id = $1`, [replaced.id]);
        } else if (set.rules.issueOnce) {
          const [existing] = await m.query(`SELECT id FROM certificates WHERE user_id = $1 AND course_id = $2 AND status <> 'replaced'`, [
            raw.learner.userId,
            raw.course.id,
          ]);
          if (existing) throw CertificationErrors.CERTIFICATE_ALREADY_ISSUED({ certificateId: existing.id });
        }

        const year = Number(issuedOn.slice(0, 4));
        // The counter row stays locked until commit: concurrent issuers queue here, and a
        // rollback gives the number back, so the book has neither gaps nor duplicates.
        const [{ last_number: entryNumber }] = await m.query(
          `INSERT INTO certificate_registries (issuer_unit_id, year, last_number) VALUES ($1, $2, 1)
           ON CONFLICT (issuer_unit_id, year) DO UPDATE SET last_number = certificate_registries.last_number + 1
           RETURNING last_number`,
          [issuer.id, year],
        );
        const [{ index: statusListIndex }] = await m.query(`SELECT nextval('certificate_status_list_seq')::int AS index`);
        const fields = normalizeFields({
          code: randomBytes(24).toString('base64url'),
          certificateName: raw.program.certificateName ?? DEFAULT_CERTIFICATE_NAME,
          issuerName: issuer.name,
          holderName: raw.learner.fullName,
          holderDateOfBirth: raw.learner.dateOfBirth,
          programCode: raw.program.code,
          programName: raw.program.name,
          courseStartsOn: raw.course.startsOn,
          courseEndsOn: raw.course.endsOn,
          result: raw.result ?? null,
          issuedPlace: raw.issuedPlace,
          issuedOn,
          signerName: raw.signer.name,
          signerTitle: raw.signer.title,
          serialNumber: `${issuer.code}-${year}-${String(entryNumber).padStart(6, '0')}`,
          entryNumber,
          year,
        });
        const titles = [...new Set(raw.program.titles ?? [])].sort();
        // Fixed now: whatever the unit uploads later, this certificate prints these versions.
        const artwork = await this.artwork.currentFor(m, issuer.id);
        const { kid, jws } = await this.signer.sign(signedClaims({ ...fields, statusListIndex }));
        const credentialJwt = await this.credentials.sign({ ...fields, issuerUnitId: issuer.id, titles, statusListIndex });
        const certificate = m.getRepository(Certificate).create({
          ...fields,
          status: 'valid',
          issuerUnitId: issuer.id,
          userId: raw.learner.userId,
          courseId: raw.course.id,
          enrollmentId: raw.enrollmentId ?? null,
          ruleSetCode: set.code,
          statusListIndex,
          signingKeyId: kid,
          signature: jws,
          titles,
          credentialJwt,
          pdfVersion: 2,
          artworkLogoId: artwork.logo,
          artworkSignatureId: artwork.signature,
          artworkSealId: artwork.seal,
          reissueOfId: replaced?.id ?? null,
          reissueNote: raw.reissue?.note.normalize('NFC').trim() ?? null,
          issuedByUserId: principal?.userId ?? null,
        });
        const saved = await m.getRepository(Certificate).save(certificate);
        if (replaced) await m.query(`UPDATE certificates SET replaced_by_id = $2 WHERE id = $1`, [replaced.id, saved.id]);
        return saved;
      });
    } catch (e) {
      // Two simultaneous first issuances for one learner and course: the partial unique index decides.
      if (isUniqueViolation(e, 'ux_certificates_once')) throw CertificationErrors.CERTIFICATE_ALREADY_ISSUED();
      throw e;
    }
    return issued;
  }

  /**
   * The certificate's PDF; records its SHA-256 the first time (renders are byte-identical, so
   * every later download has that hash). Version 1 certificates keep their first layout; version
   * 2 ones print the artwork they were issued with, carry their credential and are signed.
   */
  async pdf(certificate: Certificate): Promise<Buffer> {
    const pdf =
      certificate.pdfVersion === 1
        ? await renderCertificatePdf(printedFieldsOf(certificate), this.verifyUrl(certificate.code))
        : await this.signedPdf(certificate);
    const sha = createHash('sha256').update(pdf).digest('hex');
    if (!certificate.pdfSha256) {
      await this.db.query(`UPDATE certificates SET pdf_sha256 = $2 WHERE id = $1 AND pdf_sha256 IS NULL`, [certificate.id, sha]);
      certificate.pdfSha256 = sha;
    } else if (certificate.pdfSha256 !== sha) {
      // Only a change of pdfkit, the font package or zlib does this; the verify page would disown the file.
      this.logger.error(`certificate ${certificate.serialNumber}: the PDF rendered now (sha256 ${sha}) differs from the one issued (${certificate.pdfSha256})`);
    }
    return pdf;
  }

  /**
   * Version 2: rendered with the placeholder, signed once (the signature is kept, so the key that
   * signed it need not be the current one for later downloads to be the same file), then sealed.
   */
  private async signedPdf(certificate: Certificate): Promise<Buffer> {
    const [artwork, credential] = await Promise.all([this.artwork.forCertificate(certificate), this.credentials.credentialOf(certificate)]);
    const unsigned = await renderSignableCertificatePdf(printedFieldsOf(certificate), this.verifyUrl(certificate.code), {
      artwork,
      credential: { fileName: `${certificate.serialNumber}.credential.json`, json: `${JSON.stringify(credential, null, 2)}\n` },
    });
    if (!certificate.pdfSignature) {
      await this.db.query(`UPDATE certificates SET pdf_signature = $2 WHERE id = $1 AND pdf_signature IS NULL`, [certificate.id, this.signer.signPdf(unsigned)]);
      // Two first downloads at once: both use the signature that was kept.
      const [row] = await this.db.query(`SELECT pdf_signature FROM certificates WHERE id = $1`, [certificate.id]);
      certificate.pdfSignature = row.pdf_signature as string;
    }
    return applyPdfSignature(unsigned, certificate.pdfSignature);
  }

  /** The registry book of one issuer for one year, in entry order. */
  async book(principal: Principal, issuerUnitId: string, year: number): Promise<Certificate[]> {
    return (await this.bookWithIssuer(principal, issuerUnitId, year)).entries;
  }

  async bookWithIssuer(principal: Principal, issuerUnitId: string, year: number): Promise<{ issuerName: string; entries: Certificate[] }> {
    const issuer = await this.unit(issuerUnitId);
    if (!issuer || !this.canActFor(principal, issuer)) throw CertificationErrors.CERTIFICATE_ISSUER_NOT_FOUND();
    const entries = await this.certificates.find({ where: { issuerUnitId, year }, order: { entryNumber: 'ASC' } });
    return { issuerName: issuer.name, entries };
  }

  /** The certificates of one holder, newest first (every status, so a revoked one is seen as such). */
  async ofHolder(userId: string): Promise<Certificate[]> {
    return this.certificates.find({ where: { userId }, order: { issuedOn: 'DESC', createdAt: 'DESC' } });
  }

  /** A certificate its holder or an admin of its issuer may see; anyone else gets a 404. */
  async getVisible(principal: Principal, id: string): Promise<Certificate> {
    const certificate = await this.certificates.findOne({ where: { id } });
    if (!certificate) throw CertificationErrors.CERTIFICATE_NOT_FOUND();
    if (certificate.userId === principal.userId) return certificate;
    const issuer = await this.unit(certificate.issuerUnitId);
    if (!issuer || !this.canActFor(principal, issuer)) throw CertificationErrors.CERTIFICATE_NOT_FOUND();
    return certificate;
  }

  /** Checks the principal may act as the body now answerable for the certificate (revoke, notices). */
  private async requireAuthority(principal: Principal, certificate: Certificate): Promise<string> {
    const issuer = await this.unit(certificate.issuerUnitId);
    if (!issuer || !this.canActFor(principal, issuer)) throw CertificationErrors.CERTIFICATE_NOT_FOUND();
    const { unit } = await this.responsibleBody(issuer);
    if (!this.canActFor(principal, unit)) throw CertificationErrors.CERTIFICATE_NOT_REVOKABLE_HERE();
    return unit.id;
  }

  async revoke(
    principal: Principal,
    id: string,
    dto: { reason: RevocationReason; decisionNumber?: string; decidedOn: string; note?: string },
  ): Promise<Certificate> {
    const decisionNumber = dto.decisionNumber?.normalize('NFC').trim();
    return this.db.transaction(async (m) => {
      const certificate = await m.getRepository(Certificate).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certificate) throw CertificationErrors.CERTIFICATE_NOT_FOUND();
      const byUnitId = await this.requireAuthority(principal, certificate);
      if (certificate.status !== 'valid') throw CertificationErrors.CERTIFICATE_ALREADY_REVOKED();
      if (!decisionNumber) throw CertificationErrors.CERTIFICATE_DECISION_REQUIRED();
      if (dto.decidedOn > todayInVietnam() || dto.decidedOn < certificate.issuedOn) throw CertificationErrors.CERTIFICATE_DATE_INVALID();
      Object.assign(certificate, {
        status: 'revoked',
        revocationReason: dto.reason,
        revocationDecisionNumber: decisionNumber,
        revokedOn: dto.decidedOn,
        revokedByUnitId: byUnitId,
        revocationNote: dto.note?.normalize('NFC').trim() || null,
      });
      return m.getRepository(Certificate).save(certificate);
    });
  }

  /** Records the completion notice (giấy chứng nhận hoàn thành) that replaces a lost certificate. */
  async recordCompletionNotice(principal: Principal, id: string, dto: { noticeNumber: string; issuedOn: string; note?: string }): Promise<Certificate> {
    return this.db.transaction(async (m) => {
      const certificate = await m.getRepository(Certificate).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certificate) throw CertificationErrors.CERTIFICATE_NOT_FOUND();
      await this.requireAuthority(principal, certificate);
      if (certificate.status !== 'valid') throw CertificationErrors.CERTIFICATE_ALREADY_REVOKED();
      if (certificate.completionNoticeNumber) throw CertificationErrors.CERTIFICATE_NOTICE_EXISTS();
      if (dto.issuedOn > todayInVietnam() || dto.issuedOn < certificate.issuedOn) throw CertificationErrors.CERTIFICATE_DATE_INVALID();
      Object.assign(certificate, {
        completionNoticeNumber: dto.noticeNumber.normalize('NFC').trim(),
        completionNoticeIssuedOn: dto.issuedOn,
        completionNoticeNote: dto.note?.normalize('NFC').trim() || null,
      });
      return m.getRepository(Certificate).save(certificate);
    });
  }

  /** Public verification by code: every printed field, the status, whether the signature holds. */
  async verify(code: string): Promise<CertificateVerification> {
    // Malformed codes take the same path as unknown ones (one indexed lookup) so timing tells nothing.
    const certificate = await this.certificates.findOne({ where: { code: CODE_PATTERN.test(code) ? code : '-' } });
    if (!certificate) throw CertificationErrors.CERTIFICATE_NOT_FOUND();
    const check = await this.signer.verify(certificate.signature, signedClaims(certificate));
    const issuer = await this.unit(certificate.issuerUnitId);
    const responsible = issuer ? await this.responsibleBody(issuer) : undefined;
    const replacement = certificate.replacedById ? await this.certificates.findOne({ where: { id: certificate.replacedById } }) : null;
    return {
      code: certificate.code,
      valid: check.valid && certificate.status === 'valid',
      status: certificate.status,
      signatureValid: check.valid,
      ...(check.reason ? { signatureProblem: check.reason } : {}),
      certificateName: certificate.certificateName,
      issuerName: certificate.issuerName,
      holderName: certificate.holderName,
      holderDateOfBirth: certificate.holderDateOfBirth,
      programName: certificate.programName,
      courseStartsOn: certificate.courseStartsOn,
      courseEndsOn: certificate.courseEndsOn,
      result: certificate.result,
      issuedPlace: certificate.issuedPlace,
      issuedOn: certificate.issuedOn,
      signerName: certificate.signerName,
      signerTitle: certificate.signerTitle,
      serialNumber: certificate.serialNumber,
      entryNumber: certificate.entryNumber,
      year: certificate.year,
      pdfSha256: certificate.pdfSha256,
      revocation:
        certificate.status === 'revoked' && certificate.revocationReason && certificate.revokedOn
          ? { reason: certificate.revocationReason, decisionNumber: certificate.revocationDecisionNumber ?? '', decidedOn: certificate.revokedOn }
          : null,
      replacedBy: replacement ? { serialNumber: replacement.serialNumber, code: replacement.code } : null,
      completionNotice:
        certificate.completionNoticeNumber && certificate.completionNoticeIssuedOn
          ? { number: certificate.completionNoticeNumber, issuedOn: certificate.completionNoticeIssuedOn }
          : null,
      responsibleBody: responsible
        ? { id: responsible.unit.id, name: responsible.unit.name, issuerClosed: responsible.issuerClosed }
        : { id: certificate.issuerUnitId, name: certificate.issuerName, issuerClosed: false },
    };
  }

  toEntry(c: Certificate): CertificateEntry {
    return {
      id: c.id,
      code: c.code,
      status: c.status,
      issuerUnitId: c.issuerUnitId,
      year: c.year,
      entryNumber: c.entryNumber,
      serialNumber: c.serialNumber,
      userId: c.userId,
      courseId: c.courseId,
      enrollmentId: c.enrollmentId,
      certificateName: c.certificateName,
      issuerName: c.issuerName,
      holderName: c.holderName,
      holderDateOfBirth: c.holderDateOfBirth,
      programCode: c.programCode,
      programName: c.programName,
      titles: c.titles,
      courseStartsOn: c.courseStartsOn,
      courseEndsOn: c.courseEndsOn,
      result: c.result,
      issuedPlace: c.issuedPlace,
      issuedOn: c.issuedOn,
      signerName: c.signerName,
      signerTitle: c.signerTitle,
      verifyUrl: this.verifyUrl(c.code),
      pdfSha256: c.pdfSha256,
      reissueOfId: c.reissueOfId,
      reissueNote: c.reissueNote,
      replacedById: c.replacedById,
      revocation:
        c.revocationReason && c.revokedOn
          ? { reason: c.revocationReason, decisionNumber: c.revocationDecisionNumber ?? '', decidedOn: c.revokedOn, byUnitId: c.revokedByUnitId, note: c.revocationNote }
          : null,
      completionNotice:
        c.completionNoticeNumber && c.completionNoticeIssuedOn
          ? { number: c.completionNoticeNumber, issuedOn: c.completionNoticeIssuedOn, note: c.completionNoticeNote }
          : null,
    };
  }
}

import { OrgUnit, User } from '@boiduong/api-identity';
import type { CertificateStatus, RevocationReason } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CertificateArtworkImage } from './artwork.entity';

/**
 * One certificate, which is also one entry of its issuer's registry book (sổ cấp chứng chỉ).
 * Printed fields are copied at issue time: later edits to the learner or program never change
 * what was certified, and the signature covers exactly these copies.
 */
@Entity({ name: 'certificates' })
@Index('ux_certificates_code', ['code'], { unique: true })
@Index('ux_certificates_entry', ['issuerUnitId', 'year', 'entryNumber'], { unique: true })
@Index('ux_certificates_serial', ['serialNumber'], { unique: true })
@Index('ux_certificates_status_list_index', ['statusListIndex'], { unique: true })
@Check('ck_certificates_status', `status IN ('valid','revoked','replaced')`)
@Check(
  'ck_certificates_revocation_reason',
  `revocation_reason IS NULL OR revocation_reason IN ('fraud','ineligible','outside_authority','altered','lent','issuer_error')`,
)
@Check('ck_certificates_revoked', `(status = 'revoked') = (revoked_on IS NOT NULL)`)
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The public verification code printed on the certificate and in its QR code. */
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CertificateStatus;

  @Column({ name: 'issuer_unit_id', type: 'uuid' })
  issuerUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_unit_id', foreignKeyConstraintName: 'certificates_issuer_unit_id_fkey' })
  issuerUnit?: OrgUnit;

  @Column({ type: 'integer' })
  year!: number;

  /** Số vào sổ: the entry number in the issuer's book for the year, gapless from 1. */
  @Column({ name: 'entry_number', type: 'integer' })
  entryNumber!: number;

  /** Số hiệu: the printed serial, unique across issuers. */
  @Column({ name: 'serial_number', type: 'varchar', length: 64 })
  serialNumber!: string;

  @Index('ix_certificates_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'certificates_user_id_fkey' })
  user?: User;

  /** Issued once: unique with userId among live certificates (status <> 'replaced'), a partial index of the migration. */
  @Index('ux_certificates_once', { synchronize: false })
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @Column({ name: 'enrollment_id', type: 'uuid', nullable: true })
  enrollmentId!: string | null;

  @Column({ name: 'rule_set_code', type: 'varchar', length: 64 })
  ruleSetCode!: string;

  @Column({ name: 'certificate_name', type: 'varchar', length: 255 })
  certificateName!: string;

  @Column({ name: 'issuer_name', type: 'varchar', length: 255 })
  issuerName!: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 255 })
  holderName!: string;

  @Column({ name: 'holder_date_of_birth', type: 'date', nullable: true })
  holderDateOfBirth!: string | null;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'program_name', type: 'varchar', length: 500 })
  programName!: string;

  /** Title codes (chức danh) the program qualifies its holder for; empty for non-title programs. */
  @Column({ type: 'varchar', length: 64, array: true })
  titles!: string[];

  @Column({ name: 'course_starts_on', type: 'date' })
  courseStartsOn!: string;

  @Column({ name: 'course_ends_on', type: 'date' })
  courseEndsOn!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  result!: string | null;

  @Column({ name: 'issued_place', type: 'varchar', length: 255 })
  issuedPlace!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'signer_name', type: 'varchar', length: 255 })
  signerName!: string;

  @Column({ name: 'signer_title', type: 'varchar', length: 255 })
  signerTitle!: string;

  /** Position in the revocation status list (from certificate_status_list_seq). */
  @Column({ name: 'status_list_index', type: 'integer' })
  statusListIndex!: number;

  @Column({ name: 'signing_key_id', type: 'varchar', length: 64 })
  signingKeyId!: string;

  /** Compact JWS (EdDSA) over the canonical JSON of every printed field and the status-list index. */
  @Column({ type: 'text' })
  signature!: string;

  /** SHA-256 (hex) of the issued PDF; the PDF is deterministic, so every download has this hash. */
  @Column({ name: 'pdf_sha256', type: 'char', length: 64, nullable: true })
  pdfSha256!: string | null;

  /**
   * How the PDF is drawn: 1 for certificates issued before artwork existed (that layout, unsigned,
   * so their recorded hashes keep matching), 2 since (artwork, the credential embedded, the file signed).
   */
  @Column({ name: 'pdf_version', type: 'smallint', default: 2 })
  pdfVersion!: number;

  /**
   * `<key id>.<Ed25519 signature, base64url>` over the version-2 PDF, made at its first render
   * and written into every later one, so every download is the same signed file.
   */
  @Column({ name: 'pdf_signature', type: 'varchar', length: 160, nullable: true })
  pdfSignature!: string | null;

  /** The artwork versions printed on this certificate, fixed at issuance (null: none of that kind). */
  @Index('ix_certificates_artwork_logo')
  @Column({ name: 'artwork_logo_id', type: 'uuid', nullable: true })
  artworkLogoId!: string | null;

  @ManyToOne(() => CertificateArtworkImage, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'artwork_logo_id', foreignKeyConstraintName: 'certificates_artwork_logo_id_fkey' })
  artworkLogo?: CertificateArtworkImage | null;

  @Index('ix_certificates_artwork_signature')
  @Column({ name: 'artwork_signature_id', type: 'uuid', nullable: true })
  artworkSignatureId!: string | null;

  @ManyToOne(() => CertificateArtworkImage, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'artwork_signature_id', foreignKeyConstraintName: 'certificates_artwork_signature_id_fkey' })
  artworkSignature?: CertificateArtworkImage | null;

  @Index('ix_certificates_artwork_seal')
  @Column({ name: 'artwork_seal_id', type: 'uuid', nullable: true })
  artworkSealId!: string | null;

  @ManyToOne(() => CertificateArtworkImage, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'artwork_seal_id', foreignKeyConstraintName: 'certificates_artwork_seal_id_fkey' })
  artworkSeal?: CertificateArtworkImage | null;

  /** The Open Badges 3.0 verifiable credential of this certificate, as a signed JWT (EdDSA). */
  @Column({ name: 'credential_jwt', type: 'text', nullable: true })
  credentialJwt!: string | null;

  @Column({ name: 'reissue_of_id', type: 'uuid', nullable: true })
  reissueOfId!: string | null;

  @Column({ name: 'reissue_note', type: 'text', nullable: true })
  reissueNote!: string | null;

  @Column({ name: 'replaced_by_id', type: 'uuid', nullable: true })
  replacedById!: string | null;

  @Column({ name: 'revocation_reason', type: 'varchar', length: 32, nullable: true })
  revocationReason!: RevocationReason | null;

  @Column({ name: 'revocation_decision_number', type: 'varchar', length: 64, nullable: true })
  revocationDecisionNumber!: string | null;

  @Column({ name: 'revoked_on', type: 'date', nullable: true })
  revokedOn!: string | null;

  @Column({ name: 'revoked_by_unit_id', type: 'uuid', nullable: true })
  revokedByUnitId!: string | null;

  @Column({ name: 'revocation_note', type: 'text', nullable: true })
  revocationNote!: string | null;

  @Column({ name: 'completion_notice_number', type: 'varchar', length: 64, nullable: true })
  completionNoticeNumber!: string | null;

  @Column({ name: 'completion_notice_issued_on', type: 'date', nullable: true })
  completionNoticeIssuedOn!: string | null;

  @Column({ name: 'completion_notice_note', type: 'text', nullable: true })
  completionNoticeNote!: string | null;

  @Column({ name: 'issued_by_user_id', type: 'uuid', nullable: true })
  issuedByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

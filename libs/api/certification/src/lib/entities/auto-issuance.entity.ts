import { Enrollment, Program } from '@boiduong/api-catalog';
import { OrgUnit } from '@boiduong/api-identity';
import type { CandidateStatus, IssuanceMode } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** How a program's certificates are issued; a program without a row issues `on_grade`. */
@Entity({ name: 'certificate_program_policies' })
@Check('ck_certificate_program_policies_mode', `issuance_mode IN ('on_grade','at_course_close','after_approval')`)
export class CertificateProgramPolicy {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @OneToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'certificate_program_policies_program_id_fkey' })
  program?: Program;

  @Column({ name: 'issuance_mode', type: 'varchar', length: 32 })
  issuanceMode!: IssuanceMode;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Who signs a unit's certificates and the place printed before the date; needed for automatic issuance. */
@Entity({ name: 'certificate_issuers' })
export class CertificateIssuer {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @OneToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'certificate_issuers_unit_id_fkey' })
  unit?: OrgUnit;

  @Column({ name: 'signer_name', type: 'varchar', length: 255 })
  signerName!: string;

  @Column({ name: 'signer_title', type: 'varchar', length: 255 })
  signerTitle!: string;

  @Column({ name: 'issued_place', type: 'varchar', length: 255 })
  issuedPlace!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One completed enrollment on its way to a certificate: the approval list, and the guard that
 * queues its issuance once (unique per enrollment). A refusal stays until an admin approves.
 */
@Entity({ name: 'certificate_candidates' })
@Index('ux_certificate_candidates_enrollment', ['enrollmentId'], { unique: true })
@Check('ck_certificate_candidates_status', `status IN ('awaiting_close','pending','queued','issued','refused','failed')`)
@Check('ck_certificate_candidates_refused', `status <> 'refused' OR reason IS NOT NULL`)
export class CertificateCandidate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId!: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'certificate_candidates_enrollment_id_fkey' })
  enrollment?: Enrollment;

  @Index('ix_certificate_candidates_course')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Index('ix_certificate_candidates_status')
  @Column({ type: 'varchar', length: 16 })
  status!: CandidateStatus;

  /** The refusal's reason, or why issuing failed (an unmet condition, no signer configured). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'certificate_id', type: 'uuid', nullable: true })
  certificateId!: string | null;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

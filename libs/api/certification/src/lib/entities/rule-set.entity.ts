import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CertificateRules } from '../rules/rules';

/** One dated set of certificate rules; the set in force on a date is the latest with effectiveFrom <= date. */
@Entity({ name: 'certificate_rule_sets' })
@Unique('ux_certificate_rule_sets_code', ['code'])
@Index('ux_certificate_rule_sets_effective', ['effectiveFrom'], { unique: true })
export class CertificateRuleSet {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'legal_basis', type: 'varchar', length: 255 })
  legalBasis!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'jsonb' })
  rules!: CertificateRules;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

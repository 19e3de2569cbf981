import { OrgUnit } from '@boiduong/api-identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The counter of one registry book (issuer unit, year). Incremented inside the issuing
 * transaction, so its row lock serialises concurrent issuances and a rollback returns the number.
 */
@Entity({ name: 'certificate_registries' })
@Index('ux_certificate_registries_issuer_year', ['issuerUnitId', 'year'], { unique: true })
@Check('ck_certificate_registries_number', `last_number >= 0`)
export class CertificateRegistry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'issuer_unit_id', type: 'uuid' })
  issuerUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_unit_id', foreignKeyConstraintName: 'certificate_registries_issuer_unit_id_fkey' })
  issuerUnit?: OrgUnit;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

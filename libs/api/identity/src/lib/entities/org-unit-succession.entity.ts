import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from './org-unit.entity';

/** A predecessor closed on `effectiveOn` whose people and duties passed to a successor. */
@Entity({ name: 'org_unit_successions' })
@Index('ux_org_unit_successions_pair', ['predecessorId', 'successorId'], { unique: true })
@Check('ck_org_unit_successions_kind', `kind IN ('merge','split')`)
@Check('ck_org_unit_successions_distinct', `predecessor_id <> successor_id`)
export class OrgUnitSuccession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'predecessor_id', type: 'uuid' })
  predecessorId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'org_unit_successions_predecessor_id_fkey' })
  predecessor?: OrgUnit;

  @Index('ix_org_unit_successions_successor')
  @Column({ name: 'successor_id', type: 'uuid' })
  successorId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'org_unit_successions_successor_id_fkey' })
  successor?: OrgUnit;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'merge' | 'split';

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

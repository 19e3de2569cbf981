import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from './org-unit.entity';
import { User } from './user.entity';

/** One admin change, written in the transaction of the change itself. */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_org_unit', ['orgUnitId', 'at'])
@Index('ix_audit_log_entity', ['entity', 'entityId'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'audit_log_actor_id_fkey' })
  actor?: User | null;

  /** Kept so the entry still names its author after the account is gone. */
  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true })
  actorUsername!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 64 })
  entity!: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId!: string;

  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'audit_log_org_unit_id_fkey' })
  orgUnit?: OrgUnit;

  /** The unit's path when the change happened (GiST-indexed in the migration). */
  @Index('ix_audit_log_org_unit_path', { synchronize: false })
  @Column({ name: 'org_unit_path', type: 'ltree' })
  orgUnitPath!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Index('ix_audit_log_at')
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}

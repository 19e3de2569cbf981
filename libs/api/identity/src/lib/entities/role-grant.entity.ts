import type { Role } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from './org-unit.entity';
import { User } from './user.entity';

/** A role granted on an org unit; it holds for that unit's whole subtree. */
@Entity({ name: 'role_grants' })
@Index('ux_role_grants_user_role_unit', ['userId', 'role', 'orgUnitId'], { unique: true })
@Check('ck_role_grants_role', `role IN ('learner','lecturer','examiner','org_admin','super_admin')`)
export class RoleGrant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'role_grants_user_id_fkey' })
  user?: User;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Index('ix_role_grants_org_unit')
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'role_grants_org_unit_id_fkey' })
  orgUnit?: OrgUnit;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

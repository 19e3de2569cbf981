import type { OrgUnitType } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A unit of the Union's tree; `path` (ltree of compact ids) makes subtree queries one index scan. */
@Entity({ name: 'org_units' })
@Check('ck_org_units_type', `type IN ('central','province','bloc','commune','grassroots','branch','district')`)
@Check('ck_org_units_validity', `valid_to IS NULL OR valid_to >= valid_from`)
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: OrgUnitType;

  @Index('ix_org_units_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'org_units_parent_id_fkey' })
  parent?: OrgUnit | null;

  /** GiST-indexed in the migration (TypeORM cannot declare an ltree GiST index). */
  @Index('ix_org_units_path', { synchronize: false })
  @Column({ type: 'ltree' })
  path!: string;

  /**
   * Current paths of every unit this one passed into (transitively), null while it has none.
   * An admin whose subtree holds any of them sees this unit's records. GiST-indexed in the migration.
   */
  @Index('ix_org_units_heir_paths', { synchronize: false })
  @Column({ name: 'heir_paths', type: 'ltree', array: true, nullable: true, transformer: { to: (v) => v, from: parseLtreeArray } })
  heirPaths!: string[] | null;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The ltree label of a unit: its uuid without dashes (ltree labels allow only [A-Za-z0-9_]). */
export function pathLabel(id: string): string {
  return id.replace(/-/g, '');
}

/** node-postgres leaves arrays of extension types as their text form (`{a.b,c}`); ltree labels never need quoting. */
export function parseLtreeArray(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value as string[];
  const text = String(value);
  const inner = text.slice(1, -1);
  return inner ? inner.split(',') : [];
}

import { OrgUnit, User } from '@boiduong/api-identity';
import type { CognitiveLevel, ItemStatus, ItemType } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An item: who owns it, where it stands in review, and a copy of its current version's searchable fields. */
@Entity({ name: 'qb_items' })
@Check('ck_qb_items_type', `type IN ('single_choice','multiple_response','true_false','short_answer','matching','ordering','numeric','essay')`)
@Check('ck_qb_items_status', `status IN ('draft','in_review','approved','retired')`)
@Check('ck_qb_items_level', `level IN ('recognition','comprehension','application','high_application')`)
export class Item {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_qb_items_owner')
  @Column({ name: 'owner_org_unit_id', type: 'uuid' })
  ownerOrgUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_org_unit_id', foreignKeyConstraintName: 'fk_qb_items_owner' })
  owner?: OrgUnit;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_qb_items_author' })
  author?: User;

  @Column({ type: 'varchar', length: 32 })
  type!: ItemType;

  @Column({ type: 'varchar', length: 16 })
  status!: ItemStatus;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @Column({ name: 'approved_version', type: 'integer', nullable: true })
  approvedVersion!: number | null;

  /** A stable name from the source (a question-bank file id, a GIFT title); unique per owner (partial index). */
  @Index('ux_qb_items_external_ref', { synchronize: false })
  @Column({ name: 'external_ref', type: 'varchar', length: 120, nullable: true })
  externalRef!: string | null;

  @Column({ type: 'varchar', length: 200 })
  topic!: string;

  @Column({ type: 'varchar', length: 24 })
  level!: CognitiveLevel;

  @Column({ type: 'jsonb' })
  tags!: string[];

  /** The current stem as plain text without case or diacritics; trigram-indexed (GIN) in the migration. */
  @Index('ix_qb_items_stem_trgm', { synchronize: false })
  @Column({ name: 'stem_text', type: 'text' })
  stemText!: string;

  @Index('ix_qb_items_hash')
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

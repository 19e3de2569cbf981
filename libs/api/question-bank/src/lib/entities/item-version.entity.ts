import { User } from '@boiduong/api-identity';
import type { CognitiveLevel, ItemKey, ItemOption, ItemScoring, ItemSource, ItemType } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Item } from './item.entity';

/** One immutable version of an item: rows are only inserted, never updated (except the used mark). */
@Entity({ name: 'qb_item_versions' })
@Index('ux_qb_item_versions_item_version', ['itemId', 'version'], { unique: true })
@Check('ck_qb_item_versions_version', `version >= 1`)
export class ItemVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_qb_item_versions_item' })
  item?: Item;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: ItemType;

  @Column({ type: 'text' })
  stem!: string;

  @Column({ type: 'jsonb' })
  options!: ItemOption[];

  @Column({ name: 'answer_key', type: 'jsonb', nullable: true })
  key!: ItemKey;

  @Column({ type: 'jsonb' })
  scoring!: ItemScoring;

  @Column({ type: 'text', nullable: true })
  explanation!: string | null;

  @Column({ type: 'varchar', length: 200 })
  topic!: string;

  @Column({ type: 'varchar', length: 24 })
  level!: CognitiveLevel;

  @Column({ name: 'program_ids', type: 'jsonb' })
  programIds!: string[];

  @Column({ type: 'jsonb' })
  tags!: string[];

  @Column({ name: 'estimated_seconds', type: 'integer', nullable: true })
  estimatedSeconds!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  source!: ItemSource | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_qb_item_versions_author' })
  author?: User;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  /** Set when an attempt first shows this version; from then on edits create a new version. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { OrgUnit, User } from '@boiduong/api-identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A file kept in the storage (key). Content files are visible like the programs of their owner
 * unit; a learner's submission file only through its submission; certificate artwork (a unit's
 * logo, signature, seal) only through the certification context.
 */
@Entity({ name: 'stored_files' })
@Check('ck_stored_files_purpose', `purpose IN ('content','submission','artwork')`)
export class StoredFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 255 })
  storageKey!: string;

  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 128 })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Index('ix_stored_files_owner')
  @Column({ name: 'owner_org_unit_id', type: 'uuid' })
  ownerOrgUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_org_unit_id', foreignKeyConstraintName: 'stored_files_owner_org_unit_id_fkey' })
  ownerOrgUnit?: OrgUnit;

  @Column({ type: 'varchar', length: 16, default: 'content' })
  purpose!: 'content' | 'submission' | 'artwork';

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'stored_files_uploaded_by_fkey' })
  uploader?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * An object to delete that no `stored_files` row owns: one whose row is gone (deleted in the same
 * transaction that queued it), or one an upload announced before writing it and has not recorded
 * yet (`StoredFiles.store`; withdrawn when the row is written). `UnusedFiles` deletes what is due
 * and again on every sweep until the storage answers, so an outage or a process stopped mid-upload
 * never leaves bytes nobody tracks.
 */
@Entity({ name: 'stored_object_deletions' })
export class StoredObjectDeletion {
  @PrimaryColumn({ name: 'storage_key', type: 'varchar', length: 255 })
  storageKey!: string;

  @CreateDateColumn({ name: 'queued_at', type: 'timestamptz' })
  queuedAt!: Date;

  /** Failed deletions so far; with `last_error`, what an operator looks at when the count grows. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** From when the clean-up may delete the object: at once for a deleted row, after the grace period for an upload. */
  @Index('ix_stored_object_deletions_due')
  @Column({ name: 'due_at', type: 'timestamptz', default: () => 'now()' })
  dueAt!: Date;
}

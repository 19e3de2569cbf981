import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from './user.entity';

/**
 * Something that happened to one person, written in the transaction of the change that caused it.
 * `params` holds ids and names, never text: the reader's client renders the sentence. The keyset
 * index (user_id, created_at DESC, id DESC) and the partial index of unread rows are in the
 * migration only (TypeORM cannot declare sort orders or predicates).
 */
@Entity({ name: 'notifications' })
@Unique('ux_notifications_dedupe', ['dedupeKey'])
export class UserNotification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_notifications_user_recent', { synchronize: false })
  @Index('ix_notifications_user_unread', { synchronize: false })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notifications_user_id_fkey' })
  user?: User;

  /** e.g. `discussion.answered`; the contracts' NotificationKind. */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  /** Set by writers that may run twice for the same event (a retried regrade) so it is told once. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

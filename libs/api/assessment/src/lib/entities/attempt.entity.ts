import { User } from '@boiduong/api-identity';
import { ItemVersion } from '@boiduong/api-question-bank';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Exam, numericTransformer } from './exam.entity';

export type AttemptStatus = 'in_progress' | 'submitted' | 'abandoned';

@Entity({ name: 'attempts' })
@Index('ux_attempts_exam_user_number', ['examId', 'userId', 'number'], { unique: true })
/** A learner's attempts across exams (form assembly prefers items the learner has seen least). */
@Index('ix_attempts_user', ['userId'])
@Check('ck_attempts_status', `status IN ('in_progress','submitted','abandoned')`)
export class Attempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Also the first column of the partial unique index ux_attempts_open (migration only). */
  @Index('ux_attempts_open', { synchronize: false })
  @Column({ name: 'exam_id', type: 'uuid' })
  examId!: string;

  @ManyToOne(() => Exam, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exam_id', foreignKeyConstraintName: 'attempts_exam_id_fkey' })
  exam?: Exam;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'attempts_user_id_fkey' })
  user?: User;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: AttemptStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Index('ix_attempts_open_deadline', { synchronize: false })
  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'numeric', precision: 10, scale: 4, nullable: true, transformer: numericTransformer })
  score!: number | null;

  @Column({ name: 'max_score', type: 'numeric', precision: 10, scale: 4, transformer: numericTransformer })
  maxScore!: number;

  @Column({ name: 'needs_manual_grading', type: 'boolean' })
  needsManualGrading!: boolean;

  /** The device holding the attempt (the client's own id); null when the client sends none. */
  @Column({ name: 'device_id', type: 'varchar', length: 64, nullable: true })
  deviceId!: string | null;
}

@Entity({ name: 'attempt_items' })
@Index('ux_attempt_items_attempt_item', ['attemptId', 'itemId'], { unique: true })
export class AttemptItem {
  @Column({ name: 'attempt_id', type: 'uuid', primary: true })
  attemptId!: string;

  @ManyToOne(() => Attempt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'attempt_items_attempt_id_fkey' })
  attempt?: Attempt;

  @Column({ type: 'integer', primary: true })
  position!: number;

  @Index('ix_attempt_items_item')
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'item_version_id', type: 'uuid' })
  itemVersionId!: string;

  @ManyToOne(() => ItemVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_version_id', foreignKeyConstraintName: 'attempt_items_item_version_id_fkey' })
  itemVersion?: ItemVersion;

  @Column({ type: 'numeric', precision: 8, scale: 2, transformer: numericTransformer })
  points!: number;

  @Column({ name: 'option_order', type: 'jsonb', nullable: true })
  optionOrder!: string[] | null;
}

@Entity({ name: 'responses' })
export class Response {
  @Column({ name: 'attempt_id', type: 'uuid', primary: true })
  attemptId!: string;

  @ManyToOne(() => Attempt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'responses_attempt_id_fkey' })
  attempt?: Attempt;

  @Column({ name: 'item_id', type: 'uuid', primary: true })
  itemId!: string;

  @Column({ type: 'jsonb' })
  answer!: unknown;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'saved_at', type: 'timestamptz' })
  savedAt!: Date;

  @Column({ type: 'numeric', precision: 6, scale: 5, nullable: true, transformer: numericTransformer })
  credit!: number | null;
}

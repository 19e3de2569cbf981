import { Course } from '@boiduong/api-catalog';
import { OrgUnit, User } from '@boiduong/api-identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AttemptsPolicy } from '../domain/scoring';
import type { BlueprintRow } from '../domain/form-assembly';
import type { OverdueHandling } from '../domain/timing';
import type { ResultRelease, ReviewPolicy } from '../domain/delivery';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'exams' })
@Check('ck_exams_window', `closes_at > opens_at`)
@Check('ck_exams_pass_mark', `pass_mark >= 0 AND pass_mark <= 100`)
@Check('ck_exams_policy', `attempts_policy IN ('highest','last','first','average')`)
@Check('ck_exams_overdue', `overdue_handling IN ('autosubmit','graceperiod','autoabandon')`)
@Check('ck_exams_result_release', `result_release IN ('immediate','after_close','manual')`)
@Check('ck_exams_review_policy', `review_policy IN ('none','responses','full')`)
export class Exam {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_exams_course')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'exams_course_id_fkey' })
  course?: Course;

  /** The course's organising unit, copied so subtree checks need no join. */
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'exams_org_unit_id_fkey' })
  orgUnit?: OrgUnit;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'jsonb' })
  blueprint!: BlueprintRow[];

  @Column({ name: 'time_limit_seconds', type: 'integer', nullable: true })
  timeLimitSeconds!: number | null;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt!: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt!: Date;

  @Column({ name: 'max_attempts', type: 'integer', nullable: true })
  maxAttempts!: number | null;

  @Column({ name: 'attempts_policy', type: 'varchar', length: 16 })
  attemptsPolicy!: AttemptsPolicy;

  @Column({ name: 'pass_mark', type: 'numeric', precision: 5, scale: 2, transformer: numeric })
  passMark!: number;

  @Column({ name: 'overdue_handling', type: 'varchar', length: 16 })
  overdueHandling!: OverdueHandling;

  @Column({ name: 'grace_period_seconds', type: 'integer' })
  gracePeriodSeconds!: number;

  @Column({ name: 'shuffle_items', type: 'boolean' })
  shuffleItems!: boolean;

  @Column({ name: 'shuffle_options', type: 'boolean' })
  shuffleOptions!: boolean;

  @Column({ name: 'result_release', type: 'varchar', length: 16, default: 'immediate' })
  resultRelease!: ResultRelease;

  /** Set when a lecturer releases results (manual, or early for after_close). */
  @Column({ name: 'results_released_at', type: 'timestamptz', nullable: true })
  resultsReleasedAt!: Date | null;

  @Column({ name: 'review_policy', type: 'varchar', length: 16, default: 'responses' })
  reviewPolicy!: ReviewPolicy;

  /**
   * A supervised room's access code, read out by the proctor. Kept readable for the exam's
   * managers (they announce it); never sent to learners.
   */
  @Column({ name: 'access_code', type: 'varchar', length: 64, nullable: true })
  accessCode!: string | null;

  /** CIDR ranges a new attempt may start from; empty: anywhere. */
  @Column({ name: 'allowed_networks', type: 'text', array: true, default: () => "'{}'" })
  allowedNetworks!: string[];

  /** Graders do not see who wrote a response until every essay of the closed exam is graded. */
  @Column({ name: 'blind_grading', type: 'boolean', default: false })
  blindGrading!: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'exams_created_by_fkey' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'exam_extra_time' })
export class ExamExtraTime {
  @Column({ name: 'exam_id', type: 'uuid', primary: true })
  examId!: string;

  @ManyToOne(() => Exam, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exam_id', foreignKeyConstraintName: 'exam_extra_time_exam_id_fkey' })
  exam?: Exam;

  @Column({ name: 'user_id', type: 'uuid', primary: true })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'exam_extra_time_user_id_fkey' })
  user?: User;

  @Column({ type: 'integer' })
  minutes!: number;

  @Column({ type: 'numeric', precision: 4, scale: 2, transformer: numeric })
  multiplier!: number;
}

export { numeric as numericTransformer };

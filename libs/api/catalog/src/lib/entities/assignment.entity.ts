import { User } from '@boiduong/api-identity';
import type { AssignmentSubmissionKind, SubmissionStatus } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from './course.entity';
import { ProgramModule } from './program.entity';
import { StoredFile } from './stored-file.entity';

/**
 * A field-survey or essay assignment (bài thu hoạch) of a course, optionally tied to a module of
 * its program version. `maxPoints` null means graded pass/fail; `cutoffAt` is the hard limit
 * after which nothing is accepted (late submissions are marked between `dueAt` and it).
 */
@Entity({ name: 'course_assignments' })
@Check('ck_course_assignments_kind', `submission_kind IN ('file','text','both')`)
@Check('ck_course_assignments_points', `max_points IS NULL OR max_points BETWEEN 1 AND 1000`)
@Check('ck_course_assignments_cutoff', `cutoff_at IS NULL OR due_at IS NULL OR cutoff_at >= due_at`)
export class CourseAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_course_assignments_course')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_assignments_course_id_fkey' })
  course?: Course;

  @Column({ name: 'module_id', type: 'uuid', nullable: true })
  moduleId!: string | null;

  @ManyToOne(() => ProgramModule, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'course_assignments_module_id_fkey' })
  module?: ProgramModule | null;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ name: 'instructions_html', type: 'text', default: '' })
  instructionsHtml!: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'cutoff_at', type: 'timestamptz', nullable: true })
  cutoffAt!: Date | null;

  @Column({ name: 'max_points', type: 'integer', nullable: true })
  maxPoints!: number | null;

  @Column({ name: 'submission_kind', type: 'varchar', length: 8 })
  submissionKind!: AssignmentSubmissionKind;

  @Column({ type: 'boolean', default: false })
  required!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'course_assignments_created_by_fkey' })
  creator?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A learner's current submission of an assignment (one row per learner; `version` grows with
 * each resubmission, and grading names the version it read).
 */
@Entity({ name: 'assignment_submissions' })
@Index('ux_assignment_submissions_assignment_user', ['assignmentId', 'userId'], { unique: true })
@Check('ck_assignment_submissions_status', `status IN ('submitted','graded','returned')`)
@Check('ck_assignment_submissions_content', `text_body IS NOT NULL OR file_id IS NOT NULL`)
export class AssignmentSubmission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId!: string;

  @ManyToOne(() => CourseAssignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'assignment_submissions_assignment_id_fkey' })
  assignment?: CourseAssignment;

  @Index('ix_assignment_submissions_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'assignment_submissions_user_id_fkey' })
  user?: User;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'text_body', type: 'text', nullable: true })
  textBody!: string | null;

  @Index('ix_assignment_submissions_file')
  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId!: string | null;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'assignment_submissions_file_id_fkey' })
  file?: StoredFile | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status!: SubmissionStatus;

  @Column({ type: 'integer', nullable: true })
  score!: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'graded_by', type: 'uuid', nullable: true })
  gradedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'graded_by', foreignKeyConstraintName: 'assignment_submissions_graded_by_fkey' })
  grader?: User | null;

  @Column({ name: 'graded_at', type: 'timestamptz', nullable: true })
  gradedAt!: Date | null;
}

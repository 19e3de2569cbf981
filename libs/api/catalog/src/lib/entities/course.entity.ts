import { OrgUnit, User } from '@boiduong/api-identity';
import type { CourseMode, CourseStatus } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Program, ProgramVersion } from './program.entity';

/** One scheduled run (lớp) of a program, pinned to the program version it started with. */
@Entity({ name: 'courses' })
@Check('ck_courses_mode', `mode IN ('online','in_person','blended')`)
@Check('ck_courses_status', `status IN ('draft','open','running','closed')`)
@Check('ck_courses_dates', `ends_on >= starts_on`)
@Check('ck_courses_window', `open_from IS NULL OR open_until IS NULL OR open_until > open_from`)
@Check('ck_courses_capacity', `capacity IS NULL OR capacity > 0`)
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_courses_program')
  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'courses_program_id_fkey' })
  program?: Program;

  @Index('ix_courses_version')
  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId!: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_version_id', foreignKeyConstraintName: 'courses_program_version_id_fkey' })
  programVersion?: ProgramVersion;

  @Index('ix_courses_org_unit')
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'courses_org_unit_id_fkey' })
  orgUnit?: OrgUnit;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: CourseMode;

  @Column({ type: 'varchar', length: 16 })
  status!: CourseStatus;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  /** The self-paced study window (e.g. recorded lectures open for ten days). */
  @Column({ name: 'open_from', type: 'timestamptz', nullable: true })
  openFrom!: Date | null;

  @Column({ name: 'open_until', type: 'timestamptz', nullable: true })
  openUntil!: Date | null;

  /** null = no limit (national online classes). */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({ name: 'self_enrollment', type: 'boolean', default: false })
  selfEnrollment!: boolean;

  /** Open to learners outside the organiser's subtree. */
  @Column({ name: 'open_to_all', type: 'boolean', default: false })
  openToAll!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** An in-person session of a course: place and time, and the QR check-in window its lecturer opened last. */
@Entity({ name: 'course_sessions' })
@Check('ck_course_sessions_times', `ends_at > starts_at`)
@Check(
  'ck_course_sessions_check_in',
  `(check_in_opened_at IS NULL) = (check_in_closes_at IS NULL) AND (check_in_closes_at IS NULL OR check_in_closes_at >= check_in_opened_at)`,
)
export class CourseSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_course_sessions_course')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_sessions_course_id_fkey' })
  course?: Course;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  place!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** Start of the current (or last) check-in window; check-in codes name it, so reopening voids older codes. */
  @Column({ name: 'check_in_opened_at', type: 'timestamptz', nullable: true })
  checkInOpenedAt!: Date | null;

  /** Scans are accepted until this instant; closing early sets it to the closing time. */
  @Column({ name: 'check_in_closes_at', type: 'timestamptz', nullable: true })
  checkInClosesAt!: Date | null;
}

@Entity({ name: 'course_lecturers' })
@Index('ux_course_lecturers_course_user', ['courseId', 'userId'], { unique: true })
export class CourseLecturer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'course_lecturers_course_id_fkey' })
  course?: Course;

  @Index('ix_course_lecturers_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'course_lecturers_user_id_fkey' })
  user?: User;
}

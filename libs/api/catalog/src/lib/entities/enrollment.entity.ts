import { User } from '@boiduong/api-identity';
import type { AttendanceMethod, EnrollmentStatus } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Course, CourseSession } from './course.entity';
import { Lesson } from './program.entity';

/**
 * A learner in a course. `statusChangedAt` orders the waitlist; the counters and `completedAt`
 * are recomputed by CompletionService whenever progress or attendance changes.
 */
@Entity({ name: 'enrollments' })
@Index('ux_enrollments_course_user', ['courseId', 'userId'], { unique: true })
@Index('ix_enrollments_course_status', ['courseId', 'status', 'statusChangedAt'])
@Check('ck_enrollments_status', `status IN ('enrolled','waitlisted','withdrawn')`)
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'enrollments_course_id_fkey' })
  course?: Course;

  @Index('ix_enrollments_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'enrollments_user_id_fkey' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  status!: EnrollmentStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;

  @Column({ name: 'lessons_completed', type: 'integer', default: 0 })
  lessonsCompleted!: number;

  @Column({ name: 'sessions_attended', type: 'integer', default: 0 })
  sessionsAttended!: number;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'lesson_progress' })
@Index('ux_lesson_progress_enrollment_lesson', ['enrollmentId', 'lessonId'], { unique: true })
@Check('ck_lesson_progress_share', `video_watched_share >= 0 AND video_watched_share <= 1`)
export class LessonProgress {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId!: string;

  @ManyToOne(() => Enrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'lesson_progress_enrollment_id_fkey' })
  enrollment?: Enrollment;

  @Index('ix_lesson_progress_lesson')
  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId!: string;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'lesson_progress_lesson_id_fkey' })
  lesson?: Lesson;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'video_watched_share', type: 'real', default: 0 })
  videoWatchedShare!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'session_attendance' })
@Index('ux_session_attendance_session_user', ['sessionId', 'userId'], { unique: true })
@Check('ck_session_attendance_method', `method IN ('list','qr')`)
export class SessionAttendance {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CourseSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_attendance_session_id_fkey' })
  session?: CourseSession;

  @Index('ix_session_attendance_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'session_attendance_user_id_fkey' })
  user?: User;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'session_attendance_recorded_by_fkey' })
  recorder?: User | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** `list`: ticked by the lecturer; `qr`: the learner scanned the session's check-in code (then `recordedBy` is the learner). */
  @Column({ type: 'varchar', length: 8, default: 'list' })
  method!: AttendanceMethod;
}

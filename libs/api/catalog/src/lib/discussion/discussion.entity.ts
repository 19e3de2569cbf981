import { User } from '@boiduong/api-identity';
import type { DiscussionAuthorRole } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../entities/course.entity';
import { Lesson } from '../entities/program.entity';

/**
 * A question (no `questionId`, has a title) or an answer (names its question) about a lesson of a
 * course. Answers carry the course and lesson of their question so the moderation queues of a
 * course read one index. The accepted answer is a column of the question: one at most, by shape.
 * The partial indexes (activity, answers, queues) are in the migration only.
 */
@Entity({ name: 'discussion_posts' })
@Check('ck_discussion_posts_shape', `(question_id IS NULL) = (title IS NOT NULL)`)
@Check('ck_discussion_posts_accepted', `question_id IS NULL OR accepted_answer_id IS NULL`)
@Check('ck_discussion_posts_role', `author_role IN ('learner','lecturer','organiser')`)
@Check('ck_discussion_posts_counts', `answer_count >= 0 AND open_reports >= 0`)
export class DiscussionPost {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_discussion_questions_activity', { synchronize: false })
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'discussion_posts_course_id_fkey' })
  course?: Course;

  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId!: string;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'discussion_posts_lesson_id_fkey' })
  lesson?: Lesson;

  @Index('ix_discussion_answers_question', { synchronize: false })
  @Column({ name: 'question_id', type: 'uuid', nullable: true })
  questionId!: string | null;

  @ManyToOne(() => DiscussionPost, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'discussion_posts_question_id_fkey' })
  question?: DiscussionPost | null;

  @Index('ix_discussion_posts_author')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'discussion_posts_author_id_fkey' })
  author?: User;

  @Column({ name: 'author_role', type: 'varchar', length: 16 })
  authorRole!: DiscussionAuthorRole;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  /** Visible answers of a question, kept in the transaction that adds, removes, hides or restores one. */
  @Column({ name: 'answer_count', type: 'integer', default: 0 })
  answerCount!: number;

  @Index('ix_discussion_posts_accepted', { synchronize: false })
  @Column({ name: 'accepted_answer_id', type: 'uuid', nullable: true })
  acceptedAnswerId!: string | null;

  @ManyToOne(() => DiscussionPost, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'accepted_answer_id', foreignKeyConstraintName: 'discussion_posts_accepted_answer_id_fkey' })
  acceptedAnswer?: DiscussionPost | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'accepted_by', foreignKeyConstraintName: 'discussion_posts_accepted_by_fkey' })
  accepter?: User | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  /** Orders a lesson's questions: set when asked and whenever an answer arrives. */
  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt!: Date;

  /** Reports since the last moderator decision; the "reported" queue holds posts where it is above 0. */
  @Column({ name: 'open_reports', type: 'integer', default: 0 })
  openReports!: number;

  @Index('ix_discussion_posts_reported', { synchronize: false })
  @Column({ name: 'last_reported_at', type: 'timestamptz', nullable: true })
  lastReportedAt!: Date | null;

  @Index('ix_discussion_posts_hidden', { synchronize: false })
  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @Column({ name: 'hidden_by', type: 'uuid', nullable: true })
  hiddenBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'hidden_by', foreignKeyConstraintName: 'discussion_posts_hidden_by_fkey' })
  hider?: User | null;

  @Column({ name: 'hidden_reason', type: 'varchar', length: 500, nullable: true })
  hiddenReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;
}

/** One person's report of a post (once per person and post); resolved by the next moderator decision. */
@Entity({ name: 'discussion_reports' })
@Index('ux_discussion_reports_post_reporter', ['postId', 'reporterId'], { unique: true })
export class DiscussionReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @ManyToOne(() => DiscussionPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'discussion_reports_post_id_fkey' })
  post?: DiscussionPost;

  @Index('ix_discussion_reports_reporter')
  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'discussion_reports_reporter_id_fkey' })
  reporter?: User;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}

import { OrgUnit } from '@boiduong/api-identity';
import type { CertificatePolicy, ContentGroup, LessonKind, ProgramFamily, TitleCode } from '@boiduong/shared-contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { StoredFile } from './stored-file.entity';

/** A program's identity; what it teaches lives in its versions. Code is unique case-insensitively (expression index in the migration). */
@Entity({ name: 'programs' })
@Check('ck_programs_family', `family IN ('title','basic','specialty','innovation','leadership','lecturer')`)
@Check(
  'ck_programs_content_group',
  `content_group IN ('political_theory','defence_security','state_management','job_skills','science_innovation_digital')`,
)
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Index('ix_programs_family')
  @Column({ type: 'varchar', length: 16 })
  family!: ProgramFamily;

  @Column({ name: 'content_group', type: 'varchar', length: 32 })
  contentGroup!: ContentGroup;

  @Index('ix_programs_owner')
  @Column({ name: 'owner_org_unit_id', type: 'uuid' })
  ownerOrgUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_org_unit_id', foreignKeyConstraintName: 'programs_owner_org_unit_id_fkey' })
  ownerOrgUnit?: OrgUnit;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One version of a program's content and rules. Once a course uses it (`lockedAt`), it never
 * changes (a trigger refuses updates); edits then go to a new version.
 */
@Entity({ name: 'program_versions' })
@Index('ux_program_versions_program_version', ['programId', 'version'], { unique: true })
@Check('ck_program_versions_hours', `required_hours > 0`)
export class ProgramVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'program_versions_program_id_fkey' })
  program?: Program;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'target_titles', type: 'jsonb' })
  targetTitles!: TitleCode[];

  @Column({ name: 'required_hours', type: 'integer' })
  requiredHours!: number;

  @Column({ name: 'learning_outcomes', type: 'jsonb' })
  learningOutcomes!: string[];

  @Column({ name: 'certificate_policy', type: 'jsonb' })
  certificatePolicy!: CertificatePolicy;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A module (chuyên đề) of a program version. */
@Entity({ name: 'program_modules' })
export class ProgramModule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_program_modules_version')
  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId!: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_version_id', foreignKeyConstraintName: 'program_modules_program_version_id_fkey' })
  programVersion?: ProgramVersion;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}

/** A lesson: sanitized rich text, an external video link, or a stored file (document, image, video). */
@Entity({ name: 'lessons' })
@Check('ck_lessons_kind', `kind IN ('text','video_link','file')`)
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_lessons_module')
  @Column({ name: 'module_id', type: 'uuid' })
  moduleId!: string;

  @ManyToOne(() => ProgramModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'lessons_module_id_fkey' })
  module?: ProgramModule;

  /** Denormalised from the module so a course's lessons are one index scan. */
  @Index('ix_lessons_version')
  @Column({ name: 'program_version_id', type: 'uuid' })
  programVersionId!: string;

  @ManyToOne(() => ProgramVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_version_id', foreignKeyConstraintName: 'lessons_program_version_id_fkey' })
  programVersion?: ProgramVersion;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: LessonKind;

  @Column({ name: 'body_html', type: 'text', nullable: true })
  bodyHtml!: string | null;

  @Column({ name: 'video_url', type: 'varchar', length: 1024, nullable: true })
  videoUrl!: string | null;

  @Index('ix_lessons_file')
  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId!: string | null;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'lessons_file_id_fkey' })
  file?: StoredFile | null;

  @Column({ name: 'duration_minutes', type: 'integer', nullable: true })
  durationMinutes!: number | null;
}

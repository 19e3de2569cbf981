import type { CadreTitle, Employment, TheoryLevel } from '@boiduong/shared-contracts';
import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from './user.entity';

/** What a cadre does in the Union: the title held, titles planned for, employment, schooling. */
@Entity({ name: 'cadre_profiles' })
@Check('ck_cadre_profiles_employment', `employment IN ('full_time','part_time','concurrent')`)
@Check(
  'ck_cadre_profiles_theory_level',
  `theory_level IS NULL OR theory_level IN ('elementary','intermediate','advanced','bachelor')`,
)
export class CadreProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'cadre_profiles_user_id_fkey' })
  user?: User;

  /** Not a database check: the title list is configurable, the API validates new assignments. */
  @Index('ix_cadre_profiles_title')
  @Column({ type: 'varchar', length: 64 })
  title!: CadreTitle;

  /** Since when the current title is held; starts the grace window for its certificate (null = unknown). */
  @Column({ name: 'title_since', type: 'date', nullable: true })
  titleSince!: string | null;

  @Column({ name: 'planned_titles', type: 'varchar', length: 64, array: true })
  plannedTitles!: CadreTitle[];

  @Column({ type: 'varchar', length: 16 })
  employment!: Employment;

  @Column({ name: 'theory_level', type: 'varchar', length: 16, nullable: true })
  theoryLevel!: TheoryLevel | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  education!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

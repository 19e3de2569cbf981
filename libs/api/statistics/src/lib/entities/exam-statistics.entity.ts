import { Exam } from '@boiduong/api-assessment';
import { ItemVersion } from '@boiduong/api-question-bank';
import type { ItemVersionStatistics, StatisticsFlag, TestIrtStatistics, TestStatistics } from '@boiduong/shared-contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One computation over an exam's graded attempts; rows are only inserted, so history stays. */
@Entity({ name: 'exam_statistics' })
@Index('ix_exam_statistics_exam_computed', ['examId', 'computedAt'])
export class ExamStatistics {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'exam_id', type: 'uuid' })
  examId!: string;

  @ManyToOne(() => Exam, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exam_id', foreignKeyConstraintName: 'exam_statistics_exam_id_fkey' })
  exam?: Exam;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'integer' })
  responses!: number;

  /** Latest finish time of the attempts counted: the sweeper recomputes when a later one arrives. */
  @Column({ name: 'source_watermark', type: 'timestamptz', nullable: true })
  sourceWatermark!: Date | null;

  @Column({ type: 'jsonb' })
  test!: TestStatistics;

  @Column({ type: 'jsonb', nullable: true })
  irt!: TestIrtStatistics | null;

  @Column({ name: 'irt_skipped', type: 'varchar', length: 200, nullable: true })
  irtSkipped!: string | null;
}

/** Statistics of one item version within one snapshot; the hot columns are typed for sorting and queries. */
@Entity({ name: 'item_version_statistics' })
export class ItemVersionStatisticsRow {
  @Column({ name: 'snapshot_id', type: 'uuid', primary: true })
  snapshotId!: string;

  @ManyToOne(() => ExamStatistics, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshot_id', foreignKeyConstraintName: 'item_version_statistics_snapshot_id_fkey' })
  snapshot?: ExamStatistics;

  /** Form assembly reads a version's latest calibration at every attempt start. */
  @Index('ix_item_version_statistics_version')
  @Column({ name: 'item_version_id', type: 'uuid', primary: true })
  itemVersionId!: string;

  @ManyToOne(() => ItemVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_version_id', foreignKeyConstraintName: 'item_version_statistics_item_version_id_fkey' })
  itemVersion?: ItemVersion;

  @Index('ix_item_version_statistics_item')
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'exam_id', type: 'uuid' })
  examId!: string;

  @Column({ type: 'integer' })
  responses!: number;

  @Column({ type: 'double precision', nullable: true })
  facility!: number | null;

  @Column({ name: 'discrimination_index', type: 'double precision', nullable: true })
  discriminationIndex!: number | null;

  @Column({ name: 'point_biserial', type: 'double precision', nullable: true })
  pointBiserial!: number | null;

  @Column({ type: 'jsonb' })
  flags!: StatisticsFlag[];

  @Column({ type: 'jsonb' })
  details!: ItemVersionStatistics;
}

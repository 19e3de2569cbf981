import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Item statistics snapshots: one row per computation over an exam's graded attempts, and one row
 * per item version the attempts drew (responses stay with the version the learner saw).
 */
export class Statistics1795430000000 implements MigrationInterface {
  name = 'Statistics1795430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exam_statistics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exam_id uuid NOT NULL,
        computed_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        attempts integer NOT NULL,
        responses integer NOT NULL,
        source_watermark timestamptz NULL,
        test jsonb NOT NULL,
        irt jsonb NULL,
        irt_skipped varchar(200) NULL,
        CONSTRAINT exam_statistics_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES exams(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_exam_statistics_exam_computed ON exam_statistics (exam_id, computed_at)`);
    await q.query(`
      CREATE TABLE item_version_statistics (
        snapshot_id uuid NOT NULL,
        item_version_id uuid NOT NULL,
        item_id uuid NOT NULL,
        exam_id uuid NOT NULL,
        responses integer NOT NULL,
        facility double precision NULL,
        discrimination_index double precision NULL,
        point_biserial double precision NULL,
        flags jsonb NOT NULL,
        details jsonb NOT NULL,
        PRIMARY KEY (snapshot_id, item_version_id),
        CONSTRAINT item_version_statistics_snapshot_id_fkey FOREIGN KEY (snapshot_id) REFERENCES exam_statistics(id) ON DELETE CASCADE,
        CONSTRAINT item_version_statistics_item_version_id_fkey FOREIGN KEY (item_version_id) REFERENCES qb_item_versions(id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_item_version_statistics_item ON item_version_statistics (item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE item_version_statistics`);
    await q.query(`DROP TABLE exam_statistics`);
  }
}

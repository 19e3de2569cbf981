import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clean-up of files nothing uses: the referencing columns get indexes (deleting a stored file
 * makes the foreign keys look for references, and the clean-up asks the same question for every
 * candidate), and objects whose row is gone wait in `stored_object_deletions` until the storage
 * confirms their removal, so a storage outage delays a deletion instead of leaking the object.
 */
export class UnusedFileCleanup1795530000000 implements MigrationInterface {
  name = 'UnusedFileCleanup1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_lessons_file ON lessons (file_id)`);
    await q.query(`CREATE INDEX ix_assignment_submissions_file ON assignment_submissions (file_id)`);
    await q.query(
      `CREATE TABLE stored_object_deletions (
        storage_key varchar(255) PRIMARY KEY,
        queued_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL
      )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_object_deletions`);
    await q.query(`DROP INDEX ix_assignment_submissions_file`);
    await q.query(`DROP INDEX ix_lessons_file`);
  }
}

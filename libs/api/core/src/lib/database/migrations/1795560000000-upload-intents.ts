import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads announce their object before writing it: a queued deletion due after the grace period,
 * withdrawn in the transaction that records the file. A process that stops between writing the
 * object and recording it leaves the entry behind, and the clean-up removes the object then,
 * instead of the storage keeping bytes no row knows of. `due_at` is when the clean-up may act;
 * deletions queued by the clean-up itself are due at once.
 */
export class UploadIntents1795560000000 implements MigrationInterface {
  name = 'UploadIntents1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stored_object_deletions ADD COLUMN due_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX ix_stored_object_deletions_due ON stored_object_deletions (due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_stored_object_deletions_due`);
    await q.query(`ALTER TABLE stored_object_deletions DROP COLUMN due_at`);
  }
}

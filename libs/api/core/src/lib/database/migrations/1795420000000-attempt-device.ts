import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The device that holds an open attempt: one device answers at a time, a second one takes the
 * attempt over explicitly and the first is refused from then on.
 */
export class AttemptDevice1795420000000 implements MigrationInterface {
  name = 'AttemptDevice1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attempts ADD COLUMN device_id varchar(64) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attempts DROP COLUMN device_id`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A learner's attempts by user: form assembly counts, at every start, how often the learner has
 * seen each candidate item. Without this index that count scanned every attempt of every exam,
 * once per candidate item, which made starts slower as an exam filled (tools/bench/exam-day).
 */
export class AttemptsByUser1795480000000 implements MigrationInterface {
  name = 'AttemptsByUser1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_attempts_user ON attempts (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_attempts_user`);
  }
}

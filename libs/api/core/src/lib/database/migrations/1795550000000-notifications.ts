import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My notifications" become identity's: the table the regrade wrote since 1795460000000 is kept
 * (its rows stay readable) and shaped for every kind of notification.
 * - `payload` is renamed `params`: ids and names the client renders through its own translations;
 * - `id` and `created_at` get defaults, so a caller's transaction inserts with one statement;
 * - `kind` widens to 64 characters (dotted names such as `discussion.answered`);
 * - the list reads one index in (user_id, created_at DESC, id) keyset order; the unread count reads
 *   a partial index of unread rows only, which stays small however long the history grows.
 * `dedupe_key` stays: a regrade retried after a crash must not tell a learner twice.
 */
export class Notifications1795550000000 implements MigrationInterface {
  name = 'Notifications1795550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications RENAME COLUMN payload TO params`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN created_at SET DEFAULT now()`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN kind TYPE varchar(64)`);
    await q.query(`DROP INDEX ix_notifications_user`);
    await q.query(`CREATE INDEX ix_notifications_user_recent ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_notifications_user_unread`);
    await q.query(`DROP INDEX ix_notifications_user_recent`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (user_id, created_at DESC)`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN kind TYPE varchar(32)`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN created_at DROP DEFAULT`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN id DROP DEFAULT`);
    await q.query(`ALTER TABLE notifications RENAME COLUMN params TO payload`);
  }
}

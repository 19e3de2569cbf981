import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Form assembly reads each pool item's latest calibration by version at every attempt start. */
export class ItemCalibrationLookup1795491000000 implements MigrationInterface {
  name = 'ItemCalibrationLookup1795491000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_item_version_statistics_version ON item_version_statistics (item_version_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_item_version_statistics_version`);
  }
}

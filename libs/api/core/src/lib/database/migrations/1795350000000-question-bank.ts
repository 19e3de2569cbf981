import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Question bank: items (owner unit, workflow status, pointers to the current and the latest
 * approved version, normalised stem for search and duplicate detection), immutable versions
 * with a content hash, and review comments.
 */
export class QuestionBank1795350000000 implements MigrationInterface {
  name = 'QuestionBank1795350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE qb_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_org_unit_id uuid NOT NULL,
        author_id uuid NOT NULL,
        type varchar(32) NOT NULL,
        status varchar(16) NOT NULL,
        current_version integer NOT NULL,
        approved_version integer NULL,
        external_ref varchar(120) NULL,
        topic varchar(200) NOT NULL,
        level varchar(24) NOT NULL,
        tags jsonb NOT NULL,
        stem_text text NOT NULL,
        content_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_qb_items_owner FOREIGN KEY (owner_org_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT fk_qb_items_author FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE RESTRICT,
        CONSTRAINT ck_qb_items_type CHECK (type IN ('single_choice','multiple_response','true_false','short_answer','matching','ordering','numeric','essay')),
        CONSTRAINT ck_qb_items_status CHECK (status IN ('draft','in_review','approved','retired')),
        CONSTRAINT ck_qb_items_level CHECK (level IN ('recognition','comprehension','application','high_application'))
      )`);
    await q.query(`CREATE INDEX ix_qb_items_owner ON qb_items (owner_org_unit_id)`);
    await q.query(`CREATE INDEX ix_qb_items_hash ON qb_items (content_hash)`);
    await q.query(`CREATE UNIQUE INDEX ux_qb_items_external_ref ON qb_items (owner_org_unit_id, external_ref) WHERE external_ref IS NOT NULL`);
    // stem_text is already lower-cased and stripped of diacritics (đ included) by the service,
    // so the trigram index serves both diacritics-insensitive search and similarity().
    await q.query(`CREATE INDEX ix_qb_items_stem_trgm ON qb_items USING gin (stem_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE qb_item_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL,
        version integer NOT NULL,
        type varchar(32) NOT NULL,
        stem text NOT NULL,
        options jsonb NOT NULL,
        answer_key jsonb NULL,
        scoring jsonb NOT NULL,
        explanation text NULL,
        topic varchar(200) NOT NULL,
        level varchar(24) NOT NULL,
        program_ids jsonb NOT NULL,
        tags jsonb NOT NULL,
        estimated_seconds integer NULL,
        source jsonb NULL,
        author_id uuid NOT NULL,
        content_hash char(64) NOT NULL,
        used_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_qb_item_versions_item FOREIGN KEY (item_id) REFERENCES qb_items(id) ON DELETE CASCADE,
        CONSTRAINT fk_qb_item_versions_author FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE RESTRICT,
        CONSTRAINT ck_qb_item_versions_version CHECK (version >= 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_qb_item_versions_item_version ON qb_item_versions (item_id, version)`);
    await q.query(`
      CREATE TABLE qb_review_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL,
        version integer NOT NULL,
        author_id uuid NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_qb_review_comments_item FOREIGN KEY (item_id) REFERENCES qb_items(id) ON DELETE CASCADE,
        CONSTRAINT fk_qb_review_comments_author FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_qb_review_comments_item ON qb_review_comments (item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE qb_review_comments`);
    await q.query(`DROP TABLE qb_item_versions`);
    await q.query(`DROP TABLE qb_items`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-issuer certificate artwork (logo, signature, seal) and what makes a certificate's PDF
 * reproducible and checkable on its own:
 * - `certificate_artwork_images`: immutable image versions, one per unit, kind and content hash,
 *   their bytes in `stored_files` (purpose `artwork`);
 * - `certificate_issuer_artwork`: the images a unit's next certificates print;
 * - `certificates.artwork_*_id`: the images a certificate was issued with, kept for every later render;
 * - `certificates.pdf_version`: 1 for certificates issued before this (their recorded PDF hash
 *   must keep matching, so they keep the first layout), 2 from now on (artwork, the credential
 *   embedded, the file signed); `certificates.pdf_signature`: the Ed25519 signature over the
 *   version-2 file, made at its first render and reused, so every download is the same file.
 */
export class CertificateArtwork1795540000000 implements MigrationInterface {
  name = 'CertificateArtwork1795540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stored_files DROP CONSTRAINT ck_stored_files_purpose`);
    await q.query(
      `ALTER TABLE stored_files ADD CONSTRAINT ck_stored_files_purpose CHECK (purpose IN ('content','submission','artwork'))`,
    );
    await q.query(`
      CREATE TABLE certificate_artwork_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuer_unit_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        file_id uuid NOT NULL,
        sha256 char(64) NOT NULL,
        content_type varchar(32) NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        size_bytes integer NOT NULL,
        uploaded_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificate_artwork_images_issuer_unit_id_fkey FOREIGN KEY (issuer_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT certificate_artwork_images_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_files(id) ON DELETE RESTRICT,
        CONSTRAINT certificate_artwork_images_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT ck_certificate_artwork_images_kind CHECK (kind IN ('logo','signature','seal'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_certificate_artwork_images_content ON certificate_artwork_images (issuer_unit_id, kind, sha256)`,
    );
    await q.query(`CREATE INDEX ix_certificate_artwork_images_file ON certificate_artwork_images (file_id)`);
    await q.query(`
      CREATE TABLE certificate_issuer_artwork (
        unit_id uuid PRIMARY KEY,
        logo_image_id uuid NULL,
        signature_image_id uuid NULL,
        seal_image_id uuid NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificate_issuer_artwork_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT certificate_issuer_artwork_logo_image_id_fkey FOREIGN KEY (logo_image_id) REFERENCES certificate_artwork_images(id) ON DELETE RESTRICT,
        CONSTRAINT certificate_issuer_artwork_signature_image_id_fkey FOREIGN KEY (signature_image_id) REFERENCES certificate_artwork_images(id) ON DELETE RESTRICT,
        CONSTRAINT certificate_issuer_artwork_seal_image_id_fkey FOREIGN KEY (seal_image_id) REFERENCES certificate_artwork_images(id) ON DELETE RESTRICT
      )`);
    // Existing certificates keep the first layout: their recorded PDF hashes must keep matching.
    await q.query(`ALTER TABLE certificates ADD COLUMN pdf_version smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE certificates ALTER COLUMN pdf_version SET DEFAULT 2`);
    await q.query(`ALTER TABLE certificates ADD COLUMN pdf_signature varchar(160) NULL`);
    for (const kind of ['logo', 'signature', 'seal']) {
      await q.query(`ALTER TABLE certificates ADD COLUMN artwork_${kind}_id uuid NULL`);
      await q.query(
        `ALTER TABLE certificates ADD CONSTRAINT certificates_artwork_${kind}_id_fkey FOREIGN KEY (artwork_${kind}_id) REFERENCES certificate_artwork_images(id) ON DELETE RESTRICT`,
      );
      // Removing an image version no certificate printed asks this question of every certificate.
      await q.query(`CREATE INDEX ix_certificates_artwork_${kind} ON certificates (artwork_${kind}_id)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const kind of ['seal', 'signature', 'logo']) {
      await q.query(`DROP INDEX ix_certificates_artwork_${kind}`);
      await q.query(`ALTER TABLE certificates DROP COLUMN artwork_${kind}_id`);
    }
    await q.query(`ALTER TABLE certificates DROP COLUMN pdf_signature`);
    await q.query(`ALTER TABLE certificates DROP COLUMN pdf_version`);
    await q.query(`DROP TABLE certificate_issuer_artwork`);
    await q.query(`DROP TABLE certificate_artwork_images`);
    // The objects go through the deletion queue, so the next clean-up removes them from the storage.
    await q.query(
      `WITH gone AS (DELETE FROM stored_files WHERE purpose = 'artwork' RETURNING storage_key)
       INSERT INTO stored_object_deletions (storage_key) SELECT storage_key FROM gone ON CONFLICT (storage_key) DO NOTHING`,
    );
    await q.query(`ALTER TABLE stored_files DROP CONSTRAINT ck_stored_files_purpose`);
    await q.query(
      `ALTER TABLE stored_files ADD CONSTRAINT ck_stored_files_purpose CHECK (purpose IN ('content','submission'))`,
    );
  }
}

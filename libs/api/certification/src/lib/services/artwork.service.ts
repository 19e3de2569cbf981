import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Principal } from '@boiduong/api-core';
import { CatalogErrors, FileStorage, StoredFiles, StoredObjectMissing, type IncomingFile } from '@boiduong/api-catalog';
import {
  ARTWORK_CONTENT_TYPES,
  ARTWORK_MAX_BYTES,
  Permission,
  type ArtworkImageView,
  type ArtworkKind,
  type IssuerArtworkView,
} from '@boiduong/shared-contracts';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CertificationErrors } from '../certification.errors';
import type { Certificate } from '../entities/certificate.entity';
import type { CertificateArtwork } from '../pdf/certificate-pdf';
import {
  ImageDimensionsRefused,
  ImageUnreadable,
  inspectImage,
  prepareImage,
  type PreparedImage,
} from '../pdf/pdf-images';
import { BoundedCache } from './bounded-cache';

/** Prepared images kept per process, by content hash: a bulk issuance prints the same few again and again. */
const PREPARED_CACHE_SIZE = 64;

/** The image versions a certificate prints, by kind; null where the unit had none. */
export type ArtworkIds = Record<ArtworkKind, string | null>;

interface ImageRow {
  id: string;
  kind: ArtworkKind;
  sha256: string;
  content_type: ArtworkImageView['contentType'];
  width: number;
  height: number;
  size_bytes: number;
  created_at: Date;
  storage_key: string;
}

const column = (kind: ArtworkKind) => `${kind}_image_id`;
const certificateColumn = (kind: ArtworkKind) => `artwork_${kind}_id`;

function toView(row: ImageRow): ArtworkImageView {
  return {
    id: row.id,
    kind: row.kind,
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: new Date(row.created_at).toISOString(),
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Each issuing unit's certificate artwork: its logo, its signer's signature and its seal. Uploads
 * go through the catalog's `StoredFiles` (type, size, magic bytes, virus scan) and become immutable
 * versions (`certificate_artwork_images`, one per unit, kind and content hash); the unit's current
 * choice is one row of `certificate_issuer_artwork`. Issuance copies the current choice onto the
 * certificate, so a later replacement never changes a certificate already issued. A version that
 * nothing prints any more (replaced before any certificate used it) is deleted with its file.
 */
@Injectable()
export class ArtworkService {
  private readonly logger = new Logger('CertificateArtwork');
  private readonly prepared = new BoundedCache<string, Promise<PreparedImage>>(PREPARED_CACHE_SIZE);

  constructor(
    private readonly db: DataSource,
    private readonly files: StoredFiles,
    private readonly storage: FileStorage,
  ) {}

  /** The unit's current artwork, for its certificate admins. */
  async view(principal: Principal, unitId: string): Promise<IssuerArtworkView> {
    await this.requireUnit(principal, unitId);
    return this.viewOf(unitId);
  }

  /**
   * Makes an uploaded image the unit's artwork of this kind. Checked before anything is stored:
   * type 415, size 413, content (not a PNG/JPEG that decodes) or dimensions 422.
   */
  async upload(
    principal: Principal,
    unitId: string,
    kind: ArtworkKind,
    file: IncomingFile | undefined,
  ): Promise<IssuerArtworkView> {
    await this.requireUnit(principal, unitId);
    const accepted = await this.files.accept(principal, file, {
      accepts: (type) => (ARTWORK_CONTENT_TYPES as readonly string[]).includes(type.contentType),
      maxBytes: ARTWORK_MAX_BYTES,
      refused: CertificationErrors.CERTIFICATE_ARTWORK_TYPE_REFUSED,
      unrecognised: CertificationErrors.CERTIFICATE_ARTWORK_UNREADABLE,
    });
    let info: ReturnType<typeof inspectImage>;
    try {
      info = inspectImage(accepted.data);
    } catch (error) {
      if (error instanceof ImageDimensionsRefused)
        throw CertificationErrors.CERTIFICATE_ARTWORK_DIMENSIONS({ width: error.width, height: error.height });
      if (error instanceof ImageUnreadable)
        throw CertificationErrors.CERTIFICATE_ARTWORK_UNREADABLE({ reason: error.message });
      throw error;
    }
    // The declared type is the extension's; the bytes decide what is stored.
    if (info.contentType !== accepted.type.contentType)
      throw CertificationErrors.CERTIFICATE_ARTWORK_UNREADABLE({ contentType: accepted.type.contentType });

    // The same bytes for the same unit and kind are one version: no second copy is stored.
    const [known] = await this.db.query(
      `SELECT id FROM certificate_artwork_images WHERE issuer_unit_id = $1 AND kind = $2 AND sha256 = $3`,
      [unitId, kind, accepted.sha256],
    );
    const stored = known
      ? null
      : await this.files.store(principal, accepted, { orgUnitId: unitId, purpose: 'artwork', keyPrefix: 'artwork/' });
    let freed: string[] = [];
    try {
      freed = await this.db.transaction(async (m) => {
        let imageId: string | undefined = known?.id;
        if (!imageId && stored) {
          const [row] = await m.query(
            `INSERT INTO certificate_artwork_images (issuer_unit_id, kind, file_id, sha256, content_type, width, height, size_bytes, uploaded_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (issuer_unit_id, kind, sha256) DO NOTHING RETURNING id`,
            [
              unitId,
              kind,
              stored.id,
              accepted.sha256,
              info.contentType,
              info.width,
              info.height,
              accepted.data.length,
              principal.userId,
            ],
          );
          // A concurrent upload of the same bytes won: use its version (this copy is removed below).
          imageId =
            row?.id ??
            (
              await m.query(
                `SELECT id FROM certificate_artwork_images WHERE issuer_unit_id = $1 AND kind = $2 AND sha256 = $3`,
                [unitId, kind, accepted.sha256],
              )
            )[0]?.id;
        }
        if (!imageId) throw CertificationErrors.CERTIFICATE_ARTWORK_NOT_FOUND();
        return this.choose(m, unitId, kind, imageId);
      });
    } finally {
      // After the commit (or the rollback): the replaced version's file, and this upload's copy when
      // it went unused. Files still referred to stay; StoredFiles checks.
      await this.files.removeUnused([...freed, stored?.id]);
    }
    this.logger.log(
      `unit ${unitId}: ${kind} is now ${accepted.sha256} (${info.contentType}, ${info.width}x${info.height}) by ${principal.username}`,
    );
    return this.viewOf(unitId);
  }

  /** The unit's next certificates print nothing of this kind; certificates already issued keep theirs. */
  async remove(principal: Principal, unitId: string, kind: ArtworkKind): Promise<IssuerArtworkView> {
    await this.requireUnit(principal, unitId);
    const freed = await this.db.transaction((m) => this.choose(m, unitId, kind, null));
    await this.files.removeUnused(freed);
    return this.viewOf(unitId);
  }

  /** The bytes of the unit's current image of this kind, for the admin's preview. */
  async image(
    principal: Principal,
    unitId: string,
    kind: ArtworkKind,
  ): Promise<{ view: ArtworkImageView; bytes: Buffer }> {
    await this.requireUnit(principal, unitId);
    const [row]: ImageRow[] = await this.db.query(
      `${IMAGE_SELECT} JOIN certificate_issuer_artwork a ON a.${column(kind)} = i.id WHERE a.unit_id = $1`,
      [unitId],
    );
    if (!row) throw CertificationErrors.CERTIFICATE_ARTWORK_NOT_FOUND();
    return { view: toView(row), bytes: await this.bytesOf(row) };
  }

  /**
   * The unit's current choice, read inside the issuing transaction with a share lock: a replacement
   * waits for the issuance to commit (and then sees the certificate using the old version, which it
   * keeps), or the issuance waits for the replacement and prints the new image.
   */
  async currentFor(m: EntityManager, unitId: string): Promise<ArtworkIds> {
    const [row] = await m.query(
      `SELECT logo_image_id, signature_image_id, seal_image_id FROM certificate_issuer_artwork WHERE unit_id = $1 FOR SHARE`,
      [unitId],
    );
    return {
      logo: row?.logo_image_id ?? null,
      signature: row?.signature_image_id ?? null,
      seal: row?.seal_image_id ?? null,
    };
  }

  /** The images a certificate was issued with, ready to draw; the bytes are checked against their recorded hash. */
  async forCertificate(
    certificate: Pick<Certificate, 'artworkLogoId' | 'artworkSignatureId' | 'artworkSealId' | 'serialNumber'>,
  ): Promise<CertificateArtwork> {
    const ids = [certificate.artworkLogoId, certificate.artworkSignatureId, certificate.artworkSealId].filter(
      (id): id is string => !!id,
    );
    if (ids.length === 0) return {};
    const rows: ImageRow[] = await this.db.query(`${IMAGE_SELECT} WHERE i.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const artwork: CertificateArtwork = {};
    for (const [kind, id] of [
      ['logo', certificate.artworkLogoId],
      ['signature', certificate.artworkSignatureId],
      ['seal', certificate.artworkSealId],
    ] as const) {
      if (!id) continue;
      const row = byId.get(id);
      if (!row) throw CertificationErrors.CERTIFICATE_ARTWORK_DAMAGED({ kind });
      artwork[kind] = await this.preparedOf(row, certificate.serialNumber);
    }
    return artwork;
  }

  private preparedOf(row: ImageRow, serialNumber: string): Promise<PreparedImage> {
    const cached = this.prepared.get(row.sha256);
    if (cached) return cached;
    const pending = this.bytesOf(row).then((bytes) => {
      if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
        this.logger.error(
          `certificate ${serialNumber}: the ${row.kind} image ${row.id} in ${this.storage.description} (${row.storage_key}) no longer has the hash it was issued with`,
        );
        throw CertificationErrors.CERTIFICATE_ARTWORK_DAMAGED({ kind: row.kind });
      }
      return prepareImage(bytes);
    });
    this.prepared.set(row.sha256, pending);
    // A failure is not kept: the storage may answer next time.
    pending.catch(() => {
      if (this.prepared.get(row.sha256) === pending) this.prepared.delete(row.sha256);
    });
    return pending;
  }

  private async bytesOf(row: ImageRow): Promise<Buffer> {
    try {
      return await readAll(await this.storage.read(row.storage_key));
    } catch (error) {
      if (error instanceof StoredObjectMissing) {
        this.logger.error(
          `artwork image ${row.id} has no object under ${row.storage_key} in ${this.storage.description}`,
        );
        throw CertificationErrors.CERTIFICATE_ARTWORK_DAMAGED({ kind: row.kind });
      }
      this.logger.error(`cannot read ${row.storage_key} from ${this.storage.description}: ${(error as Error).message}`);
      throw CatalogErrors.FILE_STORAGE_UNAVAILABLE();
    }
  }

  /**
   * Points the unit's artwork of one kind at a version (or at nothing), under the row lock that
   * issuances share. Returns the file of the version it replaced when no certificate printed it
   * (that version is deleted here; the caller removes the file once this has committed).
   */
  private async choose(m: EntityManager, unitId: string, kind: ArtworkKind, imageId: string | null): Promise<string[]> {
    await m.query(`INSERT INTO certificate_issuer_artwork (unit_id) VALUES ($1) ON CONFLICT (unit_id) DO NOTHING`, [
      unitId,
    ]);
    const [current] = await m.query(
      `SELECT ${column(kind)} AS image_id FROM certificate_issuer_artwork WHERE unit_id = $1 FOR UPDATE`,
      [unitId],
    );
    await m.query(`UPDATE certificate_issuer_artwork SET ${column(kind)} = $2, updated_at = now() WHERE unit_id = $1`, [
      unitId,
      imageId,
    ]);
    const previous: string | null = current?.image_id ?? null;
    if (!previous || previous === imageId) return [];
    // A new statement sees every issuance committed while this waited for the lock.
    const [gone] = await m.query(
      `DELETE FROM certificate_artwork_images i
        WHERE i.id = $1 AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.${certificateColumn(kind)} = i.id)
        RETURNING i.file_id`,
      [previous],
    );
    return (gone as Array<{ file_id: string }>).map((g) => g.file_id);
  }

  private async viewOf(unitId: string): Promise<IssuerArtworkView> {
    const rows: ImageRow[] = await this.db.query(
      `${IMAGE_SELECT} JOIN certificate_issuer_artwork a ON i.id IN (a.logo_image_id, a.signature_image_id, a.seal_image_id) WHERE a.unit_id = $1`,
      [unitId],
    );
    const view: IssuerArtworkView = { unitId, logo: null, signature: null, seal: null };
    for (const row of rows) view[row.kind] = toView(row);
    return view;
  }

  /** Certificate admins of the unit (its subtree's `certificate.issue`); anyone else gets a 404. */
  private async requireUnit(principal: Principal, unitId: string): Promise<void> {
    const [unit] = await this.db.query(`SELECT path::text AS path FROM org_units WHERE id = $1`, [unitId]);
    if (!unit || !principal.can(Permission.CertificateIssue, unit.path))
      throw CertificationErrors.CERTIFICATE_ISSUER_NOT_FOUND();
  }
}

const IMAGE_SELECT = `SELECT i.id, i.kind, i.sha256, i.content_type, i.width, i.height, i.size_bytes, i.created_at, f.storage_key
  FROM certificate_artwork_images i JOIN stored_files f ON f.id = i.file_id`;


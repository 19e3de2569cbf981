import { AppConfig, type Principal } from '@boiduong/api-core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import { StoredFile } from '../entities';
import { FileScanner, ScannerUnavailable } from './file-scanner';
import { FileStorage } from './file-storage';
import { fileTypeOf, type FileType } from './file-types';
import { UnusedFiles } from './unused-files.service';

/** The multipart file as @fastify/multipart hands it over. */
export interface IncomingFile {
  filename: string;
  mimetype: string;
  toBuffer: () => Promise<Buffer>;
}

/** What an upload path accepts; `refused` is its own 415 (lesson files and submissions word it differently). */
export interface UploadPolicy {
  accepts: (type: FileType) => boolean;
  maxBytes: number;
  refused: (details?: unknown) => Error;
  /**
   * Bytes that are not what the name and declared type say (a text file named `.png`); `refused`
   * unless the path answers it otherwise (an image path calls it unreadable content, 422).
   */
  unrecognised?: (details?: unknown) => Error;
}

/** An upload that passed type, size, magic-byte and virus checks, not yet stored. */
export interface AcceptedUpload {
  data: Buffer;
  type: FileType;
  originalName: string;
  sha256: string;
}

export interface StoredFileSummary {
  id: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * The one way in for uploaded files: every upload path calls `accept` (type, size, magic bytes,
 * then the virus scan, all before a byte is stored) and `store`; files a change leaves unused go
 * through `removeUnused` once that change has committed, and files never used are collected by
 * `UnusedFiles.sweep` (the worker's hourly job).
 */
@Injectable()
export class StoredFiles {
  private readonly logger = new Logger('StoredFiles');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly scanner: FileScanner,
    private readonly unused: UnusedFiles,
    private readonly config: AppConfig,
  ) {}

  async accept(principal: Principal, file: IncomingFile | undefined, policy: UploadPolicy): Promise<AcceptedUpload> {
    if (!file) throw policy.refused();
    const type = fileTypeOf(file.filename);
    if (!type || !policy.accepts(type) || file.mimetype !== type.contentType)
      throw policy.refused({ contentType: file.mimetype });
    // toBuffer stops at UPLOAD_LIMIT_BYTES (413); the path's own limit is checked before anything else.
    const data = await file.toBuffer();
    const limit = Math.min(policy.maxBytes, type.maxBytes, this.config.env.UPLOAD_LIMIT_BYTES);
    if (data.length > limit) throw CatalogErrors.FILE_TOO_LARGE({ limitBytes: limit });
    if (!type.sniff(data.subarray(0, 16))) throw (policy.unrecognised ?? policy.refused)({ contentType: file.mimetype });
    const originalName = file.filename.normalize('NFC').slice(0, 255);
    const sha256 = createHash('sha256').update(data).digest('hex');
    await this.scan(principal, data, { originalName, contentType: type.contentType, sha256 });
    return { data, type, originalName, sha256 };
  }

  /**
   * Announces the object, writes the bytes, then records the row and withdraws the announcement
   * in one transaction. The announcement is a queued deletion due after the grace period
   * (UNUSED_FILE_GRACE_HOURS): should the process stop between writing the bytes and recording
   * them, or the storage refuse to take back an object whose row could not be written, the hourly
   * clean-up deletes the object then, so the storage keeps no file the database does not know.
   */
  async store(
    principal: Principal,
    upload: AcceptedUpload,
    owner: { orgUnitId: string; purpose: StoredFile['purpose']; keyPrefix: string },
  ): Promise<StoredFileSummary> {
    const id = randomUUID();
    const storageKey = `${owner.keyPrefix}${new Date().toISOString().slice(0, 7)}/${id}.${upload.type.ext[0]}`;
    await this.db.query(
      `INSERT INTO stored_object_deletions (storage_key, due_at) VALUES ($1, now() + make_interval(hours => $2))`,
      [storageKey, this.config.env.UNUSED_FILE_GRACE_HOURS],
    );
    try {
      await this.storage.put(storageKey, upload.data);
    } catch (error) {
      this.logger.error(`cannot write ${storageKey} to ${this.storage.description}: ${(error as Error).message}`);
      // The announcement stays: a write that failed half-way may have left something behind.
      throw CatalogErrors.FILE_STORAGE_UNAVAILABLE();
    }
    try {
      await this.db.transaction(async (m) => {
        await m.getRepository(StoredFile).insert({
          id,
          storageKey,
          originalName: upload.originalName,
          contentType: upload.type.contentType,
          sizeBytes: String(upload.data.length),
          sha256: upload.sha256,
          ownerOrgUnitId: owner.orgUnitId,
          uploadedBy: principal.userId,
          purpose: owner.purpose,
        });
        await m.query(`DELETE FROM stored_object_deletions WHERE storage_key = $1`, [storageKey]);
      });
    } catch (error) {
      await this.storage.delete(storageKey).then(
        () => this.db.query(`DELETE FROM stored_object_deletions WHERE storage_key = $1`, [storageKey]),
        (failed: Error) =>
          // The row's error is what the caller needs; the announcement stays, so the clean-up deletes the object later.
          this.logger.warn(`cannot delete ${storageKey} from ${this.storage.description} now, the clean-up job will: ${failed.message}`),
      );
      throw error;
    }
    return {
      id,
      originalName: upload.originalName,
      contentType: upload.type.contentType,
      sizeBytes: upload.data.length,
    };
  }

  /**
   * Removes files nothing refers to any more (a replaced submission file) through `UnusedFiles`:
   * rows first, objects once that has committed. Call it after the transaction that dropped the
   * reference has committed: a rollback must find its file still there. A file some other row
   * took up meanwhile stays. The change that freed the file has already succeeded, so a failure
   * here is only logged; the hourly sweep collects the file later.
   */
  async removeUnused(fileIds: Array<string | null | undefined>): Promise<void> {
    const ids = fileIds.filter((f): f is string => !!f);
    try {
      await this.unused.remove(ids);
    } catch (error) {
      this.logger.warn(`cannot remove unused file(s) ${ids.join(', ')} now, the clean-up job will: ${(error as Error).message}`);
    }
  }

  private async scan(
    principal: Principal,
    data: Buffer,
    file: { originalName: string; contentType: string; sha256: string },
  ): Promise<void> {
    const uploader = { userId: principal.userId, username: principal.username };
    const subject = { fileName: file.originalName, contentType: file.contentType, uploadedBy: uploader };
    const context = `"${file.originalName}" (${file.contentType}, ${data.length} bytes, sha256 ${file.sha256}) from ${principal.username} (${principal.userId})`;
    try {
      const verdict = await this.scanner.scan(data, subject);
      if (verdict.clean) return;
      this.logger.warn(`upload refused, malware found: ${verdict.signature} in ${context}`);
      throw CatalogErrors.FILE_INFECTED({ signature: verdict.signature });
    } catch (error) {
      if (!(error instanceof ScannerUnavailable)) throw error;
      if (this.config.env.SCAN_FAIL_MODE === 'open') {
        this.logger.warn(
          `upload accepted unscanned (SCAN_FAIL_MODE=open): ${this.scanner.description} gave no verdict (${error.message}) for ${context}`,
        );
        return;
      }
      this.logger.error(
        `upload refused (SCAN_FAIL_MODE=closed): ${this.scanner.description} gave no verdict (${error.message}) for ${context}`,
      );
      throw CatalogErrors.FILE_SCAN_UNAVAILABLE();
    }
  }
}

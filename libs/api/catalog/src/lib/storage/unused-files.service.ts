import { AppConfig } from '@boiduong/api-core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../services/visibility';
import { FileStorage } from './file-storage';

/** What one sweep did, also the job's return value. */
export interface UnusedFilesSweep {
  /** `stored_files` rows deleted: unused and older than the grace period. */
  files: number;
  /** Objects the storage removed, this sweep's and those left over by earlier deletions. */
  objects: number;
  /** Objects whose row is gone but the storage refused to delete; retried by the next sweep. */
  pendingObjects: number;
  /** Transactions the rows were deleted in (each locks at most one batch). */
  batches: number;
}

/** Rows locked and deleted per transaction, so a backlog never holds many locks for long. */
export const UNUSED_FILES_BATCH = 500;
/** Storage deletions in flight at once (an S3 DELETE is a round trip; 500 in a row would take seconds). */
const DELETE_CONCURRENCY = 8;

type Selector = { olderThanHours: number } | { ids: string[] };

/**
 * Removes uploaded files nothing uses: never handed in or put in a lesson, or left behind when
 * their lesson or submission went. "Used" is asked of the database itself: every foreign key that
 * points at `stored_files`, read from the catalog in each transaction, so a context that starts
 * referencing files is covered without telling this class.
 *
 * Per batch, in one READ COMMITTED transaction: lock the candidates `FOR UPDATE SKIP LOCKED`,
 * check again that nothing refers to them, delete the rows and queue their keys in
 * `stored_object_deletions`; after the commit, delete the objects and then their queue entries.
 * Attaching a file takes a key-share lock on its row (explicitly, or through the foreign key
 * check of the insert), which conflicts with the clean-up's lock, so:
 * - a file being attached right now is locked and skipped;
 * - a reference committed after the candidates were read but before the lock was taken is seen
 *   by the second check, whose statement starts after the lock is held;
 * - a file the clean-up has locked makes the attach wait for the commit, then find no file
 *   (404 FILE_NOT_FOUND), never a reference to bytes that are gone.
 * Bytes are deleted only once the row is gone for good (committed), and stay queued until the
 * storage confirms, so a storage outage costs a retry, never a row without bytes or bytes
 * without a row.
 */
@Injectable()
export class UnusedFiles {
  private readonly logger = new Logger('UnusedFiles');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  /** The periodic clean-up: files unused for longer than UNUSED_FILE_GRACE_HOURS, then left-over objects. */
  async sweep(options: { batchSize?: number } = {}): Promise<UnusedFilesSweep> {
    const batchSize = options.batchSize ?? UNUSED_FILES_BATCH;
    const olderThanHours = this.config.env.UNUSED_FILE_GRACE_HOURS;
    // Left-overs first: what this sweep queues is deleted right after its own batch.
    const leftOver = await this.retryQueued(batchSize);
    const result: UnusedFilesSweep = { files: 0, objects: leftOver.deleted, pendingObjects: leftOver.failed, batches: 0 };
    for (;;) {
      const batch = await this.deleteRows({ olderThanHours }, batchSize);
      if (batch.locked === 0) break;
      result.batches++;
      result.files += batch.keys.length;
      const objects = await this.deleteObjects(batch.keys);
      result.objects += objects.deleted;
      result.pendingObjects += objects.failed;
      // A short batch was the last one; files skipped as locked are in use or in another sweep.
      if (batch.locked < batchSize) break;
    }
    const summary = `${result.files} unused file(s) older than ${olderThanHours} h removed in ${result.batches} batch(es), ${result.objects} object(s) deleted, ${result.pendingObjects} waiting for ${this.storage.description}`;
    if (result.pendingObjects > 0) this.logger.warn(summary);
    else if (result.files > 0 || result.objects > 0) this.logger.log(summary);
    else this.logger.debug(summary);
    return result;
  }

  /**
   * Removes these files now if nothing refers to them (a replaced submission file). Call it after
   * the transaction that dropped the reference has committed: a rollback must find its file.
   */
  async remove(fileIds: string[]): Promise<void> {
    const ids = [...new Set(fileIds)];
    if (ids.length === 0) return;
    const batch = await this.deleteRows({ ids }, ids.length);
    await this.deleteObjects(batch.keys);
  }

  /** One transaction: lock candidates, re-check them under the lock, delete the rows and queue their objects. */
  private deleteRows(selector: Selector, limit: number): Promise<{ locked: number; keys: string[] }> {
    return this.db.transaction('READ COMMITTED', async (m) => {
      const unused = await unreferencedCondition(m);
      const [where, param] =
        'ids' in selector
          ? ['f.id = ANY($1::uuid[])', selector.ids]
          : [`f.created_at < now() - make_interval(hours => $1)`, selector.olderThanHours];
      const locked = rowsOf<{ id: string }>(
        await m.query(
          `SELECT f.id FROM stored_files f
            WHERE ${where} AND ${unused}
            ORDER BY f.created_at, f.id
            LIMIT $2
            FOR UPDATE OF f SKIP LOCKED`,
          [param, limit],
        ),
      );
      if (locked.length === 0) return { locked: 0, keys: [] };
      // A new statement, so a new snapshot: it sees every reference committed before the lock was
      // granted, and none can be added while it is held.
      const queued = rowsOf<{ storage_key: string }>(
        await m.query(
          `WITH gone AS (
             DELETE FROM stored_files f WHERE f.id = ANY($1::uuid[]) AND ${unused} RETURNING f.storage_key
           )
           INSERT INTO stored_object_deletions (storage_key) SELECT storage_key FROM gone
           ON CONFLICT (storage_key) DO NOTHING
           RETURNING storage_key`,
          [locked.map((r) => r.id)],
        ),
      );
      return { locked: locked.length, keys: queued.map((r) => r.storage_key) };
    });
  }

  /** Deletes the objects of these queued keys; a confirmed one leaves the queue, a refused one stays with its error. */
  private async deleteObjects(keys: string[]): Promise<{ deleted: number; failed: number }> {
    const deleted: string[] = [];
    const failed: Array<{ key: string; error: string }> = [];
    let next = 0;
    const work = async () => {
      while (next < keys.length) {
        const key = keys[next++];
        try {
          // Idempotent: an object already gone (deleted by hand, or by an earlier attempt) is fine.
          await this.storage.delete(key);
          deleted.push(key);
        } catch (error) {
          failed.push({ key, error: (error as Error).message || (error as Error).name });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, keys.length) }, work));
    if (deleted.length > 0) await this.db.query(`DELETE FROM stored_object_deletions WHERE storage_key = ANY($1::varchar[])`, [deleted]);
    if (failed.length > 0) {
      await this.db.query(
        `UPDATE stored_object_deletions d SET attempts = d.attempts + 1, last_error = e.error
           FROM unnest($1::varchar[], $2::text[]) AS e(key, error) WHERE d.storage_key = e.key`,
        [failed.map((f) => f.key), failed.map((f) => f.error)],
      );
      this.logger.warn(
        `cannot delete ${failed.length} object(s) from ${this.storage.description} (kept queued for the next sweep), e.g. ${failed[0].key}: ${failed[0].error}`,
      );
    }
    return { deleted: deleted.length, failed: failed.length };
  }

  /**
   * Objects queued earlier and due, not yet confirmed deleted (storage down then, or the process
   * stopped, or an upload that never recorded its file), in key order so each is tried once. An
   * entry whose key a `stored_files` row holds is dropped, never acted on: the row owns the bytes.
   */
  private async retryQueued(pageSize: number): Promise<{ deleted: number; failed: number }> {
    const total = { deleted: 0, failed: 0 };
    let after = '';
    for (;;) {
      const page = rowsOf<{ storage_key: string; owned: boolean }>(
        await this.db.query(
          `SELECT d.storage_key, EXISTS (SELECT 1 FROM stored_files f WHERE f.storage_key = d.storage_key) AS owned
             FROM stored_object_deletions d
            WHERE d.storage_key > $1 AND d.due_at <= now()
            ORDER BY d.storage_key LIMIT $2`,
          [after, pageSize],
        ),
      );
      if (page.length === 0) return total;
      const owned = page.filter((r) => r.owned).map((r) => r.storage_key);
      if (owned.length > 0) {
        await this.db.query(
          `DELETE FROM stored_object_deletions d
            WHERE d.storage_key = ANY($1::varchar[]) AND EXISTS (SELECT 1 FROM stored_files f WHERE f.storage_key = d.storage_key)`,
          [owned],
        );
        this.logger.warn(`dropped ${owned.length} queued deletion(s) of objects a file row holds, e.g. ${owned[0]}`);
      }
      const done = await this.deleteObjects(page.filter((r) => !r.owned).map((r) => r.storage_key));
      total.deleted += done.deleted;
      total.failed += done.failed;
      if (page.length < pageSize) return total;
      after = page[page.length - 1].storage_key;
    }
  }
}

/**
 * `NOT EXISTS (…) AND …` over every foreign key that points at `stored_files`, for a query whose
 * `stored_files` alias is `f`. Built from the catalog in the caller's transaction, so it always
 * matches the schema the statement runs against.
 */
async function unreferencedCondition(m: EntityManager): Promise<string> {
  const rows = rowsOf<{ condition: string }>(
    await m.query(
      `SELECT 'NOT EXISTS (SELECT 1 FROM ' || c.conrelid::regclass::text || ' r WHERE '
              || string_agg('r.' || quote_ident(a.attname) || ' = f.' || quote_ident(fa.attname), ' AND ' ORDER BY k.i) || ')' AS condition
         FROM pg_constraint c
        CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, fcol, i)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
         JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fcol
        WHERE c.contype = 'f' AND c.confrelid = 'stored_files'::regclass
        GROUP BY c.oid, c.conrelid
        ORDER BY c.conrelid::regclass::text, c.oid`,
    ),
  );
  return rows.length === 0 ? 'TRUE' : rows.map((r) => r.condition).join(' AND ');
}

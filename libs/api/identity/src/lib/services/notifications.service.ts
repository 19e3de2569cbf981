import {
  NOTIFICATION_LIMITS,
  type AppNotification,
  type NotificationKind,
  type NotificationPage,
  type NotificationParamsByKind,
  type NotificationUnreadCount,
} from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListNotificationsQuery } from '../dto/notification.dto';
import { IdentityErrors } from '../identity.errors';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  params: NotificationParamsByKind[NotificationKind];
  created_at: Date;
  read_at: Date | null;
  /** created_at as the exact UTC text (microseconds) a cursor carries. */
  stamp: string;
}

/** Over `ix_notifications_user_recent` (user_id, created_at DESC, id DESC): no sort, however long the history. */
const PAGE_SELECT = `SELECT id, kind, params, created_at, read_at, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS stamp
  FROM notifications`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The position after the last row of a page, opaque to clients. The timestamp keeps PostgreSQL's
 * microseconds: with milliseconds, rows written in the same millisecond would be skipped or repeated.
 */
function encodeCursor(stamp: string, id: string): string {
  return Buffer.from(`${stamp}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(raw: string | undefined): { at: string; id: string } | null {
  if (raw === undefined || raw === '') return null;
  const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (rest.length || !at || !id || !STAMP.test(at) || !UUID.test(id) || Number.isNaN(Date.parse(at)))
    throw IdentityErrors.NOTIFICATION_CURSOR_INVALID();
  return { at, id };
}

/**
 * "My notifications": what happened to a person that they should learn without checking every page.
 * Other contexts write them with `notify` inside their own transaction, so a notification exists
 * exactly when the change that caused it is committed; only the recipient reads or marks them, and
 * anyone else's answers 404 so their existence is not revealed.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One notification per distinct recipient, written with the caller's transaction manager. */
  async notify<K extends NotificationKind>(
    manager: EntityManager,
    userIds: readonly string[],
    kind: K,
    params: NotificationParamsByKind[K],
  ): Promise<void> {
    const recipients = [...new Set(userIds)];
    if (!recipients.length) return;
    await manager.query(
      `INSERT INTO notifications (user_id, kind, params) SELECT u, $2, $3::jsonb FROM unnest($1::uuid[]) AS u`,
      [recipients, kind, JSON.stringify(params)],
    );
  }

  /** One notification per entry, each with its own params (a release tells each learner of their attempt), in one statement. */
  async notifyEach<K extends NotificationKind>(
    manager: EntityManager,
    kind: K,
    entries: ReadonlyArray<{ userId: string; params: NotificationParamsByKind[K] }>,
  ): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO notifications (user_id, kind, params) SELECT u, $1, p FROM unnest($2::uuid[], $3::jsonb[]) AS e(u, p)`,
      [kind, entries.map((e) => e.userId), entries.map((e) => JSON.stringify(e.params))],
    );
  }

  /** Newest first, keyset-paged over (created_at, id), with the count of unread ones for the badge. */
  async page(userId: string, query: ListNotificationsQuery): Promise<NotificationPage> {
    const limit = query.limit ?? NOTIFICATION_LIMITS.pageSize;
    const cursor = decodeCursor(query.cursor);
    const params: unknown[] = [userId, limit + 1];
    let after = '';
    if (cursor) {
      params.push(cursor.at, cursor.id);
      after = `AND (created_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const [rows, unreadCount] = await Promise.all([
      this.db.query(
        `${PAGE_SELECT} WHERE user_id = $1 ${after} ORDER BY created_at DESC, id DESC LIMIT $2`,
        params,
      ) as Promise<NotificationRow[]>,
      this.unread(userId),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.stamp, last.id) : null,
      unreadCount,
    };
  }

  /** Idempotent: a second read keeps the time of the first. */
  async markRead(userId: string, id: string): Promise<NotificationUnreadCount> {
    const [rows] = await this.db.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, userId],
    );
    if (!rows.length) throw IdentityErrors.NOTIFICATION_NOT_FOUND();
    return { unreadCount: await this.unread(userId) };
  }

  async markAllRead(userId: string): Promise<NotificationUnreadCount> {
    await this.db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    // Counted afterwards: one may have arrived in between, and the badge should show it.
    return { unreadCount: await this.unread(userId) };
  }

  private async unread(userId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return n;
  }
}

function toView(row: NotificationRow): AppNotification {
  // The row's kind and params were written together through `notify`, typed by kind.
  return {
    id: row.id,
    kind: row.kind,
    params: row.params,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  } as AppNotification;
}

import type { Principal } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the platform tells one person (a regraded exam so far), newest first. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async mine(principal: Principal) {
    const rows: Array<{ id: string; kind: string; payload: Record<string, unknown>; created_at: Date; read_at: Date | null }> = await this.db.query(
      `SELECT id, kind, payload, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 100`,
      [principal.userId],
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, payload: r.payload, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null }));
  }
}

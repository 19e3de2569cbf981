import { CommonErrors, type Principal } from '@boiduong/api-core';
import {
  Permission,
  type ImportProblem,
  type ItemStatus,
  type ItemSummary,
  type ItemVersionView,
  type ItemWriteResult,
  type ReviewComment,
  type SimilarItem,
} from '@boiduong/shared-contracts';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { contentHash } from '../content/hash';
import { prepareContent, type ContentProblem, type ItemContent, type ItemContentInput } from '../content/item-content';
import { searchText } from '../content/normalize';
import type { CreateItemDto, ItemFilterQuery, UpdateItemDto } from '../dto/item.dto';
import { Item, ItemReviewComment, ItemVersion } from '../entities';
import { QuestionBankErrors } from '../question-bank.errors';

/** Near-duplicate threshold for pg_trgm similarity() over normalised stems. */
export const SIMILARITY_THRESHOLD = 0.6;
const VIEW_PERMISSIONS = [Permission.ItemAuthor, Permission.ItemReview] as const;

export interface ItemWithPath extends Item {
  ownerPath: string;
}

/** A row ready for insertion: content already validated. */
export interface NewItemRow {
  content: ItemContent;
  hash: string;
  stemText: string;
  ownerOrgUnitId: string;
  authorId: string;
  externalRef: string | null;
  status: ItemStatus;
}

export function toVersionView(v: ItemVersion): ItemVersionView {
  return {
    itemId: v.itemId,
    version: v.version,
    type: v.type,
    stem: v.stem,
    options: v.options,
    key: v.key,
    scoring: v.scoring,
    explanation: v.explanation,
    topic: v.topic,
    level: v.level,
    programIds: v.programIds,
    tags: v.tags,
    estimatedSeconds: v.estimatedSeconds,
    source: v.source,
    authorId: v.authorId,
    contentHash: v.contentHash,
    usedAt: v.usedAt ? v.usedAt.toISOString() : null,
    createdAt: v.createdAt.toISOString(),
  };
}

export function versionContent(v: ItemVersion): ItemContent {
  return {
    type: v.type,
    stem: v.stem,
    options: v.options,
    key: v.key,
    scoring: v.scoring,
    explanation: v.explanation,
    topic: v.topic,
    level: v.level,
    programIds: v.programIds,
    tags: v.tags,
    estimatedSeconds: v.estimatedSeconds,
    source: v.source,
  };
}

/** Throws the 422 of the first problem, carrying its field and every problem found. */
export function throwContentProblems(problems: ContentProblem[]): never {
  const first = problems[0];
  throw QuestionBankErrors[first.code]({ field: first.field, reason: first.message, problems });
}

@Injectable()
export class ItemsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---- visibility -------------------------------------------------------------------------

  private async load(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<ItemWithPath | null> {
    const rows = await manager.query(
      `SELECT i.id, o.path::text AS owner_path FROM qb_items i JOIN org_units o ON o.id = i.owner_org_unit_id WHERE i.id = $1 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [id],
    );
    if (rows.length === 0) return null;
    const item = await manager.findOneByOrFail(Item, { id });
    return Object.assign(item, { ownerPath: rows[0].owner_path as string });
  }

  /** Visible: inside a subtree where the principal authors or reviews, or published (approved) anywhere. */
  private canSee(principal: Principal, item: ItemWithPath): boolean {
    if (VIEW_PERMISSIONS.some((p) => principal.can(p, item.ownerPath))) return true;
    return item.status === 'approved' && VIEW_PERMISSIONS.some((p) => principal.hasPermission(p));
  }

  async getVisible(principal: Principal, id: string): Promise<ItemWithPath> {
    const item = await this.load(id);
    if (!item || !this.canSee(principal, item)) throw QuestionBankErrors.ITEM_NOT_FOUND();
    return item;
  }

  /** For changes: the item must lie in a subtree where the principal holds `permission` (else 404/403). */
  private async loadForChange(principal: Principal, id: string, permission: Permission, manager: EntityManager): Promise<ItemWithPath> {
    const item = await this.load(id, manager, true);
    if (!item || !this.canSee(principal, item)) throw QuestionBankErrors.ITEM_NOT_FOUND();
    if (!VIEW_PERMISSIONS.some((p) => principal.can(p, item.ownerPath))) throw QuestionBankErrors.ITEM_NOT_FOUND();
    if (!principal.can(permission, item.ownerPath)) throw CommonErrors.FORBIDDEN();
    return item;
  }

  /** The owner unit for new items: the one asked for, else the author's own unit, checked against item.author. */
  async resolveOwner(principal: Principal, requested?: string): Promise<{ id: string; path: string }> {
    let unitId = requested;
    if (!unitId) {
      const [user] = await this.db.query(`SELECT org_unit_id FROM users WHERE id = $1`, [principal.userId]);
      unitId = user?.org_unit_id as string | undefined;
      const roots = principal.grants.filter((g) => principal.can(Permission.ItemAuthor, g.path));
      if (roots.length > 0 && (!unitId || !(await this.unitPath(unitId).then((p) => p !== null && principal.can(Permission.ItemAuthor, p))))) {
        unitId = roots[0].unitId;
      }
    }
    const path = unitId ? await this.unitPath(unitId) : null;
    if (!unitId || path === null || !principal.can(Permission.ItemAuthor, path)) throw QuestionBankErrors.ITEM_OWNER_NOT_FOUND();
    return { id: unitId, path };
  }

  private async unitPath(unitId: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT path::text AS path FROM org_units WHERE id = $1`, [unitId]);
    return rows.length ? (rows[0].path as string) : null;
  }

  // ---- authoring --------------------------------------------------------------------------

  async create(principal: Principal, dto: CreateItemDto): Promise<ItemWriteResult> {
    const owner = await this.resolveOwner(principal, dto.ownerOrgUnitId);
    const { content, problems } = prepareContent(dto as ItemContentInput);
    if (problems.length) throwContentProblems(problems);
    const stemText = searchText(content.stem);
    return this.db.transaction(async (manager) => {
      // Serialises creations per owner so that two identical posts cannot both pass the check.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('qb_items:' || $1))`, [owner.id]);
      const exact = await this.exactDuplicate(manager, owner.id, content.type, stemText);
      if (exact) throw QuestionBankErrors.ITEM_DUPLICATE({ itemId: exact });
      const similar = await this.similar(manager, principal, stemText);
      const [id] = await this.insertItems(manager, [
        { content, hash: contentHash(content), stemText, ownerOrgUnitId: owner.id, authorId: principal.userId, externalRef: null, status: 'draft' },
      ]);
      return { id, version: 1, status: 'draft' as ItemStatus, similar };
    });
  }

  async exactDuplicate(manager: EntityManager, ownerId: string, type: string, stemText: string, exceptId?: string): Promise<string | null> {
    const rows = await manager.query(
      `SELECT id FROM qb_items WHERE owner_org_unit_id = $1 AND type = $2 AND stem_text = $3 AND status <> 'retired' AND ($4::uuid IS NULL OR id <> $4) LIMIT 1`,
      [ownerId, type, stemText, exceptId ?? null],
    );
    return rows.length ? (rows[0].id as string) : null;
  }

  /** Items the principal may see whose normalised stem is similar (pg_trgm), best first. */
  async similar(manager: EntityManager, principal: Principal, stemText: string, exceptId?: string): Promise<SimilarItem[]> {
    const roots = [...new Set(VIEW_PERMISSIONS.flatMap((p) => principal.rootsFor(p)))];
    const rows = await manager.query(
      `SELECT i.id, similarity(i.stem_text, $1) AS s FROM qb_items i JOIN org_units o ON o.id = i.owner_org_unit_id
        WHERE i.stem_text % $1 AND similarity(i.stem_text, $1) >= $2 AND ($3::uuid IS NULL OR i.id <> $3)
          AND (o.path <@ ANY(CAST($4 AS ltree[])) OR i.status = 'approved')
        ORDER BY s DESC LIMIT 5`,
      [stemText, SIMILARITY_THRESHOLD, exceptId ?? null, roots],
    );
    return rows.map((r: { id: string; s: number }) => ({ itemId: r.id, similarity: Math.round(Number(r.s) * 1000) / 1000 }));
  }

  /** Inserts items with version 1 in a few statements (JSON record sets), returning ids in input order. */
  async insertItems(manager: EntityManager, rows: NewItemRow[]): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < rows.length; start += 1000) {
      const chunk = rows.slice(start, start + 1000);
      // Ids are chosen here so that items and their first versions go in as two set-based inserts.
      const payload = chunk.map((r) => ({
        id: randomUUID(),
        owner: r.ownerOrgUnitId,
        author: r.authorId,
        type: r.content.type,
        status: r.status,
        approved: r.status === 'approved' ? 1 : null,
        ref: r.externalRef,
        topic: r.content.topic,
        level: r.content.level,
        tags: r.content.tags,
        stem_text: r.stemText,
        hash: r.hash,
        stem: r.content.stem,
        options: r.content.options,
        key: r.content.key,
        scoring: r.content.scoring,
        explanation: r.content.explanation ?? null,
        program_ids: r.content.programIds,
        estimated_seconds: r.content.estimatedSeconds ?? null,
        source: r.content.source ?? null,
      }));
      const json = JSON.stringify(payload);
      const recordset = `jsonb_to_recordset($1::jsonb) AS s(id uuid, owner uuid, author uuid, type text, status text, approved int, ref text,
             topic text, level text, tags jsonb, stem_text text, hash text, stem text, options jsonb, key jsonb, scoring jsonb,
             explanation text, program_ids jsonb, estimated_seconds int, source jsonb)`;
      await manager.query(
        `INSERT INTO qb_items (id, owner_org_unit_id, author_id, type, status, current_version, approved_version, external_ref, topic, level, tags, stem_text, content_hash)
         SELECT id, owner, author, type, status, 1, approved, ref, topic, level, tags, stem_text, hash FROM ${recordset}`,
        [json],
      );
      await manager.query(
        `INSERT INTO qb_item_versions (item_id, version, type, stem, options, answer_key, scoring, explanation, topic, level, program_ids, tags, estimated_seconds, source, author_id, content_hash)
         SELECT id, 1, type, stem, options, NULLIF(key, 'null'::jsonb), scoring, explanation, topic, level, program_ids, tags, estimated_seconds,
                NULLIF(source, 'null'::jsonb), author, hash FROM ${recordset}`,
        [json],
      );
      const inserted = payload;
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  /**
   * Writes `content` as the item's next state: nothing when the hash is unchanged; a new version
   * when the current one is approved or used; otherwise the draft is edited in place.
   */
  async writeVersion(manager: EntityManager, item: Item, content: ItemContent, authorId: string, status: ItemStatus = 'draft'): Promise<{ version: number; changed: boolean }> {
    const hash = contentHash(content);
    const current = await manager.findOneByOrFail(ItemVersion, { itemId: item.id, version: item.currentVersion });
    if (current.contentHash === hash && status === item.status) return { version: item.currentVersion, changed: false };
    const stemText = searchText(content.stem);
    const row = {
      type: content.type,
      stem: content.stem,
      options: content.options,
      key: content.key,
      scoring: content.scoring,
      explanation: content.explanation ?? null,
      topic: content.topic,
      level: content.level,
      programIds: content.programIds,
      tags: content.tags,
      estimatedSeconds: content.estimatedSeconds ?? null,
      source: content.source ?? null,
      authorId,
      contentHash: hash,
    };
    let version = item.currentVersion;
    const frozen = item.status === 'approved' || item.status === 'retired' || current.usedAt !== null || item.approvedVersion === item.currentVersion;
    if (current.contentHash !== hash) {
      if (frozen) {
        version = item.currentVersion + 1;
        await manager.insert(ItemVersion, { ...row, itemId: item.id, version });
      } else {
        await manager.update(ItemVersion, { id: current.id }, row);
      }
    }
    await manager.update(Item, { id: item.id }, {
      currentVersion: version,
      status,
      approvedVersion: status === 'approved' ? version : item.approvedVersion,
      topic: content.topic,
      level: content.level,
      tags: content.tags,
      stemText,
      contentHash: hash,
      type: content.type,
    });
    return { version, changed: true };
  }

  async update(principal: Principal, id: string, dto: UpdateItemDto): Promise<ItemWriteResult> {
    return this.db.transaction(async (manager) => {
      const item = await this.loadForChange(principal, id, Permission.ItemAuthor, manager);
      if (item.status === 'retired') throw QuestionBankErrors.ITEM_STATUS_CONFLICT({ status: item.status });
      const current = await manager.findOneByOrFail(ItemVersion, { itemId: id, version: item.currentVersion });
      const merged: ItemContentInput = { ...versionContent(current), ...stripUndefined(dto as Record<string, unknown>), type: current.type };
      const { content, problems } = prepareContent(merged);
      if (problems.length) throwContentProblems(problems);
      const stemText = searchText(content.stem);
      const exact = await this.exactDuplicate(manager, item.ownerOrgUnitId, content.type, stemText, id);
      if (exact) throw QuestionBankErrors.ITEM_DUPLICATE({ itemId: exact });
      const { version } = await this.writeVersion(manager, item, content, principal.userId, 'draft');
      const similar = await this.similar(manager, principal, stemText, id);
      return { id, version, status: 'draft' as ItemStatus, similar };
    });
  }

  async versions(principal: Principal, id: string): Promise<ItemVersionView[]> {
    await this.getVisible(principal, id);
    const rows = await this.db.getRepository(ItemVersion).find({ where: { itemId: id }, order: { version: 'ASC' } });
    return rows.map(toVersionView);
  }

  async get(principal: Principal, id: string): Promise<ItemSummary & { current: ItemVersionView }> {
    const item = await this.getVisible(principal, id);
    const current = await this.db.getRepository(ItemVersion).findOneByOrFail({ itemId: id, version: item.currentVersion });
    return { ...toSummary(item, current.stem), current: toVersionView(current) };
  }

  /**
   * Marks a version as shown to a learner (called by exams when an attempt starts): from then on
   * the version is frozen and edits create a new one. Returns the pinned content.
   */
  async markUsed(itemId: string, version: number, manager: EntityManager = this.db.manager): Promise<ItemVersion> {
    await manager.query(`UPDATE qb_item_versions SET used_at = now() WHERE item_id = $1 AND version = $2 AND used_at IS NULL`, [itemId, version]);
    const v = await manager.findOneBy(ItemVersion, { itemId, version });
    if (!v) throw QuestionBankErrors.ITEM_NOT_FOUND();
    return v;
  }

  // ---- review workflow --------------------------------------------------------------------

  async submitForReview(principal: Principal, id: string, comment?: string): Promise<ItemWriteResult> {
    return this.transition(principal, id, Permission.ItemAuthor, ['draft'], 'in_review', comment);
  }

  async approve(principal: Principal, id: string, comment?: string): Promise<ItemWriteResult> {
    return this.transition(principal, id, Permission.ItemReview, ['in_review'], 'approved', comment);
  }

  /** Sends an item under review back to draft, with the reviewer's reason as a review comment. */
  async reject(principal: Principal, id: string, comment: string): Promise<ItemWriteResult> {
    return this.transition(principal, id, Permission.ItemReview, ['in_review'], 'draft', comment);
  }

  async retire(principal: Principal, id: string, comment?: string): Promise<ItemWriteResult> {
    return this.transition(principal, id, Permission.ItemReview, ['draft', 'in_review', 'approved'], 'retired', comment);
  }

  private async transition(principal: Principal, id: string, permission: Permission, from: ItemStatus[], to: ItemStatus, comment?: string): Promise<ItemWriteResult> {
    return this.db.transaction(async (manager) => {
      const item = await this.loadForChange(principal, id, permission, manager);
      if (!from.includes(item.status)) throw QuestionBankErrors.ITEM_STATUS_CONFLICT({ status: item.status, allowedFrom: from });
      if (to === 'approved') {
        const current = await manager.findOneByOrFail(ItemVersion, { itemId: id, version: item.currentVersion });
        if (current.authorId === principal.userId) throw QuestionBankErrors.ITEM_SELF_REVIEW();
      }
      await manager.update(Item, { id }, { status: to, ...(to === 'approved' ? { approvedVersion: item.currentVersion } : {}) });
      if (comment) await manager.insert(ItemReviewComment, { itemId: id, version: item.currentVersion, authorId: principal.userId, body: comment });
      return { id, version: item.currentVersion, status: to, similar: [] };
    });
  }

  async addComment(principal: Principal, id: string, body: string): Promise<ReviewComment> {
    const item = await this.getVisible(principal, id);
    if (!VIEW_PERMISSIONS.some((p) => principal.can(p, item.ownerPath))) throw QuestionBankErrors.ITEM_NOT_FOUND();
    const saved = await this.db.getRepository(ItemReviewComment).save({ itemId: id, version: item.currentVersion, authorId: principal.userId, body });
    return toComment(saved);
  }

  async comments(principal: Principal, id: string): Promise<ReviewComment[]> {
    await this.getVisible(principal, id);
    const rows = await this.db.getRepository(ItemReviewComment).find({ where: { itemId: id }, order: { createdAt: 'ASC' } });
    return rows.map(toComment);
  }

  // ---- search -----------------------------------------------------------------------------

  /** Items visible to the principal, filtered; `q` matches the stem without regard to case or diacritics. */
  async search(principal: Principal, query: ItemFilterQuery): Promise<ItemSummary[]> {
    const rows = await this.filtered(principal, query, query.limit ?? 100, query.offset ?? 0);
    return rows.map((r) => toSummary(r, r.stem));
  }

  /** Shared by search and export: items with their current version's stem. */
  async filtered(principal: Principal, query: ItemFilterQuery, limit: number, offset: number): Promise<Array<Item & { stem: string }>> {
    const roots = [...new Set(VIEW_PERMISSIONS.flatMap((p) => principal.rootsFor(p)))];
    if (roots.length === 0) return [];
    const where: string[] = [`(o.path <@ ANY(CAST($1 AS ltree[])) OR i.status = 'approved')`];
    const params: unknown[] = [roots];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    const q = query.q ? searchText(query.q) : '';
    if (q) add(`i.stem_text LIKE '%' || ? || '%'`, q.replace(/[%_\\]/g, (c) => `\\${c}`));
    if (query.type) add(`i.type = ?`, query.type);
    if (query.topic) add(`lower(i.topic) = lower(?)`, query.topic);
    if (query.level) add(`i.level = ?`, query.level);
    if (query.status) add(`i.status = ?`, query.status);
    if (query.tag) add(`i.tags @> jsonb_build_array(?::text)`, query.tag);
    params.push(limit, offset);
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT i.id FROM qb_items i JOIN org_units o ON o.id = i.owner_org_unit_id WHERE ${where.join(' AND ')}
        ORDER BY i.updated_at DESC, i.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    if (ids.length === 0) return [];
    const items = await this.db.getRepository(Item).createQueryBuilder('i').whereInIds(ids.map((r) => r.id)).getMany();
    const versions = await this.db.query(
      `SELECT v.item_id, v.stem FROM qb_item_versions v JOIN qb_items i ON i.id = v.item_id AND i.current_version = v.version WHERE v.item_id = ANY($1::uuid[])`,
      [ids.map((r) => r.id)],
    );
    const stems = new Map<string, string>(versions.map((v: { item_id: string; stem: string }) => [v.item_id, v.stem]));
    const byId = new Map(items.map((i) => [i.id, i]));
    return ids.map((r) => Object.assign(byId.get(r.id) as Item, { stem: stems.get(r.id) ?? '' }));
  }
}

export function toSummary(i: Item, stem: string): ItemSummary {
  return {
    id: i.id,
    type: i.type,
    status: i.status,
    currentVersion: i.currentVersion,
    approvedVersion: i.approvedVersion,
    ownerOrgUnitId: i.ownerOrgUnitId,
    stem,
    topic: i.topic,
    level: i.level,
    tags: i.tags,
    externalRef: i.externalRef,
    updatedAt: i.updatedAt.toISOString(),
  };
}

function toComment(c: ItemReviewComment): ReviewComment {
  return { id: c.id, itemId: c.itemId, version: c.version, authorId: c.authorId, body: c.body, createdAt: c.createdAt.toISOString() };
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export type { ImportProblem };

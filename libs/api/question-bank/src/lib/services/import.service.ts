import type { Principal } from '@boiduong/api-core';
import type { ImportPreviewItem, ImportProblem, ImportReport, ItemExportFormat, ItemImportFormat, ItemStatus } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { contentHash } from '../content/hash';
import { prepareContent, type ItemContent } from '../content/item-content';
import { htmlToText, searchText } from '../content/normalize';
import type { ItemFilterQuery } from '../dto/item.dto';
import { Item, ItemVersion } from '../entities';
import { parseImport, writeGift, writeMoodleXml, writeQtiPackage, type ParsedItem } from '../formats';
import { ItemsService, SIMILARITY_THRESHOLD, versionContent, type NewItemRow } from './items.service';

/** Largest export in one request. */
export const EXPORT_LIMIT = 10_000;

export interface ImportOptions {
  mode?: 'all' | 'valid-only';
  dryRun?: boolean;
  ownerOrgUnitId?: string;
  /** Status given to created items and new versions (the bank folder imports reviewed items as approved). */
  status?: (item: ParsedItem) => ItemStatus;
  /** Skips near-duplicate warnings (bulk loads where they would be noise). */
  skipSimilarity?: boolean;
}

export interface PreparedImport {
  line: number;
  ref: string | null;
  content: ItemContent;
  hash: string;
  stemText: string;
  status: ItemStatus;
}

/**
 * Imports parsed items into one owner unit: all or nothing unless `valid-only`, idempotent by
 * content hash (an unchanged item is skipped), an item with a known ref gets a new version.
 */
@Injectable()
export class ImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly items: ItemsService,
  ) {}

  async importFile(principal: Principal, format: ItemImportFormat, data: Buffer | string, options: ImportOptions = {}): Promise<ImportReport> {
    const owner = await this.items.resolveOwner(principal, options.ownerOrgUnitId);
    const parsed = await parseImport(format, data);
    return this.importParsed(parsed.items, parsed.problems, { ownerOrgUnitId: owner.id, authorId: principal.userId }, options);
  }

  /** The current versions of the items matching the filters, as a file of `format` (a zip for `qti`). */
  async exportFile(principal: Principal, format: ItemExportFormat, query: ItemFilterQuery): Promise<string | Buffer> {
    const items = await this.items.filtered(principal, query, EXPORT_LIMIT, 0);
    if (items.length === 0) return format === 'gift' ? '' : format === 'qti' ? Buffer.from(writeQtiPackage([])) : writeMoodleXml([]);
    const versions = await this.db
      .getRepository(ItemVersion)
      .createQueryBuilder('v')
      .innerJoin(Item, 'i', 'i.id = v.item_id AND i.current_version = v.version')
      .where('v.item_id IN (:...ids)', { ids: items.map((i) => i.id) })
      .getMany();
    const byItem = new Map(versions.map((v) => [v.itemId, v]));
    const rows = items
      .filter((i) => byItem.has(i.id))
      .map((i) => ({ ref: i.externalRef, content: versionContent(byItem.get(i.id) as ItemVersion) }))
      .sort((a, b) => a.content.topic.localeCompare(b.content.topic, 'vi'));
    if (format === 'qti') return Buffer.from(writeQtiPackage(rows));
    return format === 'gift' ? writeGift(rows) : writeMoodleXml(rows);
  }

  /** Validates, classifies and (unless a dry run or invalid) writes, in one transaction. */
  async importParsed(
    parsedItems: ParsedItem[],
    parseProblems: ImportProblem[],
    who: { ownerOrgUnitId: string; authorId: string },
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    const errors: ImportProblem[] = [...parseProblems];
    const warnings: ImportProblem[] = [];
    const prepared: PreparedImport[] = [];
    const seenRefs = new Map<string, number>();
    const seenStems = new Map<string, number>();
    for (const p of parsedItems) {
      const { content, problems } = prepareContent(p.input);
      if (problems.length) {
        errors.push(...problems.map((x) => ({ line: p.line, message: `${x.field}: ${x.message}` })));
        continue;
      }
      const stemText = searchText(content.stem);
      const ref = p.ref ?? null;
      if (ref !== null && seenRefs.has(ref)) {
        errors.push({ line: p.line, message: `the name "${ref}" is already used on line ${seenRefs.get(ref)}` });
        continue;
      }
      const stemKey = `${content.type}\u0001${stemText}`;
      if (seenStems.has(stemKey)) {
        errors.push({ line: p.line, message: `the same question as on line ${seenStems.get(stemKey)}` });
        continue;
      }
      if (ref !== null) seenRefs.set(ref, p.line);
      seenStems.set(stemKey, p.line);
      prepared.push({ line: p.line, ref, content, hash: contentHash(content), stemText, status: options.status?.(p) ?? 'draft' });
    }
    const report: ImportReport = { created: 0, updated: 0, skipped: 0, errors, warnings, dryRun: options.dryRun === true };
    // A dry run goes on past bad items so that its preview also lists what the valid ones would become.
    if (errors.length && options.mode !== 'valid-only' && !report.dryRun) return sortReport(report);

    await this.db
      .transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('qb_items:' || $1))`, [who.ownerOrgUnitId]);
        const plan = await this.classify(manager, who.ownerOrgUnitId, prepared, report);
        if (!options.skipSimilarity && plan.create.length <= 2000) await this.warnSimilar(manager, who.ownerOrgUnitId, plan.create, report);
        report.created = plan.create.length;
        report.updated = plan.update.length;
        if (report.dryRun) {
          report.items = previewOf(plan);
          throw new DryRunRollback();
        }
        if (report.errors.length && options.mode !== 'valid-only') throw new DryRunRollback();
        const rows: NewItemRow[] = plan.create.map((p) => ({ content: p.content, hash: p.hash, stemText: p.stemText, ownerOrgUnitId: who.ownerOrgUnitId, authorId: who.authorId, externalRef: p.ref, status: p.status }));
        await this.items.insertItems(manager, rows);
        for (const { item, prepared: p } of plan.update) await this.items.writeVersion(manager, item, p.content, who.authorId, p.status);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DryRunRollback)) throw e;
      });
    if (report.errors.length && options.mode !== 'valid-only') {
      report.created = 0;
      report.updated = 0;
    }
    return sortReport(report);
  }

  /** Splits into skip (same content), update (known ref, new content), duplicate (error), create. */
  private async classify(manager: EntityManager, ownerId: string, prepared: PreparedImport[], report: ImportReport) {
    const refs = prepared.map((p) => p.ref).filter((r): r is string => r !== null);
    const existing: Array<{ id: string; external_ref: string | null; content_hash: string; stem_text: string; type: string; status: ItemStatus }> = await manager.query(
      `SELECT id, external_ref, content_hash, stem_text, type, status FROM qb_items
        WHERE owner_org_unit_id = $1 AND (external_ref = ANY($2::text[]) OR content_hash = ANY($3::text[]) OR stem_text = ANY($4::text[]))`,
      [ownerId, refs, prepared.map((p) => p.hash), prepared.map((p) => p.stemText)],
    );
    const byRef = new Map(existing.filter((e) => e.external_ref !== null).map((e) => [e.external_ref as string, e]));
    const byHash = new Map(existing.map((e) => [e.content_hash, e]));
    const byStem = new Map(existing.filter((e) => e.status !== 'retired').map((e) => [`${e.type}\u0001${e.stem_text}`, e]));
    const create: PreparedImport[] = [];
    const skip: PreparedImport[] = [];
    const updateIds: Array<{ id: string; prepared: PreparedImport }> = [];
    for (const p of prepared) {
      const known = p.ref !== null ? byRef.get(p.ref) : undefined;
      if (known) {
        if (known.content_hash === p.hash && (known.status === p.status || p.status === 'draft')) {
          report.skipped++;
          skip.push(p);
        } else updateIds.push({ id: known.id, prepared: p });
        continue;
      }
      if (byHash.has(p.hash)) {
        report.skipped++;
        skip.push(p);
        continue;
      }
      const twin = byStem.get(`${p.content.type}\u0001${p.stemText}`);
      if (twin) {
        report.errors.push({ line: p.line, message: `the unit already has this question (item ${twin.id})` });
        continue;
      }
      create.push(p);
    }
    const update: Array<{ item: Item; prepared: PreparedImport }> = [];
    if (updateIds.length) {
      const items = await manager.getRepository(Item).createQueryBuilder('i').setLock('pessimistic_write').whereInIds(updateIds.map((u) => u.id)).getMany();
      const byId = new Map(items.map((i) => [i.id, i]));
      for (const u of updateIds) {
        const item = byId.get(u.id) as Item;
        if (item.status === 'retired') report.errors.push({ line: u.prepared.line, message: `the item "${u.prepared.ref}" is retired` });
        else update.push({ item, prepared: u.prepared });
      }
    }
    return { create, update, skip };
  }

  private async warnSimilar(manager: EntityManager, ownerId: string, create: PreparedImport[], report: ImportReport): Promise<void> {
    if (create.length === 0) return;
    const rows: Array<{ ord: number; id: string; s: number }> = await manager.query(
      `SELECT DISTINCT ON (n.ord) n.ord, i.id, similarity(i.stem_text, n.t) AS s
         FROM unnest($1::text[]) WITH ORDINALITY AS n(t, ord)
         JOIN qb_items i ON i.owner_org_unit_id = $2 AND i.stem_text % n.t AND similarity(i.stem_text, n.t) >= $3
        ORDER BY n.ord, s DESC`,
      [create.map((p) => p.stemText), ownerId, SIMILARITY_THRESHOLD],
    );
    for (const r of rows) {
      const p = create[Number(r.ord) - 1];
      report.warnings.push({ line: p.line, message: `similar to item ${r.id} (similarity ${Number(r.s).toFixed(2)})` });
    }
  }
}

class DryRunRollback extends Error {}

const PREVIEW_STEM_LENGTH = 300;

function previewOf(plan: { create: PreparedImport[]; update: Array<{ prepared: PreparedImport }>; skip: PreparedImport[] }): ImportPreviewItem[] {
  const row = (p: PreparedImport, action: ImportPreviewItem['action']): ImportPreviewItem => ({
    line: p.line,
    ref: p.ref,
    type: p.content.type,
    stem: htmlToText(p.content.stem).replace(/\s+/g, ' ').trim().slice(0, PREVIEW_STEM_LENGTH),
    topic: p.content.topic,
    action,
  });
  return [...plan.create.map((p) => row(p, 'create')), ...plan.update.map((u) => row(u.prepared, 'update')), ...plan.skip.map((p) => row(p, 'skip'))].sort(
    (a, b) => a.line - b.line,
  );
}

function sortReport(r: ImportReport): ImportReport {
  r.errors.sort((a, b) => a.line - b.line);
  r.warnings.sort((a, b) => a.line - b.line);
  return r;
}

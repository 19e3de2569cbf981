import { type Principal } from '@boiduong/api-core';
import { CREATABLE_ORG_UNIT_TYPES, ORG_UNIT_IMPORT_HEADERS, Permission, type ImportResult, type OrgUnitType } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Workbook } from 'exceljs';
import { DataSource, type EntityManager } from 'typeorm';
import { OrgUnit } from '../entities';
import { IdentityErrors } from '../identity.errors';
import { AuditService } from './audit.service';
import { fold, parseDate, readImportRows, RowErrors, SHEET_MESSAGES, type SheetRow } from './import-sheet';
import { OrgUnitsService, toSummary } from './org-units.service';
import { canSee, TREE_LOCK } from './visibility';

export type OrgUnitField = 'code' | 'name' | 'type' | 'parentCode' | 'validFrom';

const HEADER_FIELDS: Record<string, OrgUnitField> = {
  [fold(ORG_UNIT_IMPORT_HEADERS[0])]: 'code',
  [fold(ORG_UNIT_IMPORT_HEADERS[1])]: 'name',
  [fold(ORG_UNIT_IMPORT_HEADERS[2])]: 'type',
  [fold(ORG_UNIT_IMPORT_HEADERS[3])]: 'parentCode',
  [fold(ORG_UNIT_IMPORT_HEADERS[4])]: 'validFrom',
};
const REQUIRED: OrgUnitField[] = ['code', 'name', 'type', 'parentCode'];
const CODE = /^[A-Za-z0-9._-]{1,64}$/;

/** Type labels as people write them (folded), and the codes themselves. */
const TYPES: Record<string, OrgUnitType> = {
  'trung uong': 'central',
  tinh: 'province',
  'tinh, thanh pho': 'province',
  'tinh/thanh pho': 'province',
  'thanh doan': 'province',
  'tinh doan': 'province',
  khoi: 'bloc',
  xa: 'commune',
  phuong: 'commune',
  'xa, phuong, dac khu': 'commune',
  'xa/phuong': 'commune',
  'co so': 'grassroots',
  'chi doan': 'branch',
  huyen: 'district',
  ...Object.fromEntries(CREATABLE_ORG_UNIT_TYPES.map((t) => [t, t])),
  district: 'district',
};

const MESSAGES: Record<string, { vi: string; en: string }> = {
  ...SHEET_MESSAGES,
  invalid_code: { vi: 'Mã đơn vị chỉ gồm 1-64 chữ, số hoặc ._-', en: 'The code must be 1-64 letters, digits or ._-' },
  code_taken: { vi: 'Mã đơn vị đã thuộc về một đơn vị khác.', en: 'The code belongs to another unit.' },
  invalid_type: {
    vi: 'Loại đơn vị là Trung ương, Tỉnh, Khối, Xã, Cơ sở hoặc Chi đoàn.',
    en: 'The type must be central, province, bloc, commune, grassroots or branch.',
  },
  type_historical: { vi: 'Cấp huyện chỉ còn trong hồ sơ lịch sử, không thể tạo mới.', en: 'District units exist only in history and cannot be created.' },
  invalid_date: { vi: 'Ngày thành lập không hợp lệ (dd/mm/yyyy).', en: 'The founding date is not valid (dd/mm/yyyy).' },
  parent_not_found: { vi: 'Không tìm thấy đơn vị cấp trên trong phạm vi quản lý hoặc trong tệp.', en: 'No such parent within your scope or in the file.' },
  parent_invalid: { vi: 'Đơn vị cấp trên trong tệp có lỗi.', en: 'The parent row of the file has errors.' },
  parent_cycle: { vi: 'Các dòng tạo thành vòng lặp cấp trên.', en: 'The rows form a parent cycle.' },
};

interface GoodRow {
  row: number;
  code: string;
  name: string;
  type: OrgUnitType;
  parentCode: string;
  validFrom: string | null;
}

/**
 * Bulk creation of org units from a spreadsheet, with the behaviour of the cadre import: every row
 * is validated first; with errors nothing is written unless only the good rows are asked for; a
 * row whose code already exists inside the importer's scope is left as it is, so importing the same
 * file again changes nothing. A parent is named by code, either a unit in the tree or another row
 * of the file (above or below): rows are created parents first.
 */
@Injectable()
export class OrgUnitImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
  ) {}

  async template(): Promise<Buffer> {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Đơn vị');
    sheet.addRow([...ORG_UNIT_IMPORT_HEADERS]).font = { bold: true };
    sheet.addRow(['HNI-BADINH-CD2', 'Chi đoàn Tổ dân phố số 2', 'Chi đoàn', 'HNI-BADINH', '01/07/2025']);
    sheet.columns.forEach((c) => (c.width = 26));
    const types = workbook.addWorksheet('Loại đơn vị');
    types.addRow(['Loại đơn vị', 'Mã']).font = { bold: true };
    for (const [label, code] of [
      ['Trung ương', 'central'],
      ['Tỉnh', 'province'],
      ['Khối', 'bloc'],
      ['Xã', 'commune'],
      ['Cơ sở', 'grassroots'],
      ['Chi đoàn', 'branch'],
    ]) {
      types.addRow([label, code]);
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async import(principal: Principal, data: Buffer, validOnly: boolean): Promise<ImportResult> {
    const rows = await readImportRows(data, HEADER_FIELDS, REQUIRED);
    const { good, unchanged, errors } = await this.validate(principal, rows);
    if (errors.list.length && !validOnly) throw IdentityErrors.IMPORT_INVALID({ errors: errors.list, total: rows.length });
    const created = await this.db.transaction(async (m) => {
      // Shared with single creations, exclusive against moves and merges (as OrgUnitsService.create).
      await m.query('SELECT pg_advisory_xact_lock_shared($1)', [TREE_LOCK]);
      // Serialise imports: two uploads of one file create each unit once.
      await m.query('SELECT pg_advisory_xact_lock($1)', [727005]);
      let count = 0;
      for (const r of good) {
        if (await this.byCode(m, r.code)) continue;
        const parent = await this.byCode(m, r.parentCode);
        if (!parent || parent.validTo !== null) throw IdentityErrors.ORG_UNIT_PARENT_CLOSED();
        const unit = await this.units.insert(m, { code: r.code, name: r.name, type: r.type, parent, validFrom: r.validFrom ?? undefined });
        count++;
        await this.audit.record(m, principal, { action: 'org_unit.import', entity: 'org_unit', entityId: unit.id, unit, before: null, after: { row: r.row, ...toSummary(unit) } });
      }
      return count;
    });
    return { total: rows.length, created, unchanged: unchanged + good.length - created, skipped: errors.rows, errors: errors.list };
  }

  private byCode(m: EntityManager, code: string): Promise<OrgUnit | null> {
    return m.getRepository(OrgUnit).createQueryBuilder('u').where('lower(u.code) = lower(:code)', { code }).getOne();
  }

  /** Good rows in creation order (every parent before its children), and every bad row's reasons. */
  private async validate(principal: Principal, rows: Array<SheetRow<OrgUnitField>>): Promise<{ good: GoodRow[]; unchanged: number; errors: RowErrors<OrgUnitField> }> {
    const errors = new RowErrors<OrgUnitField>(MESSAGES);
    const codes = [...new Set(rows.flatMap((r) => [r.values.code, r.values.parentCode]).filter((c): c is string => !!c).map((c) => c.toLowerCase()))];
    const existing = new Map(
      (await this.db.getRepository(OrgUnit).createQueryBuilder('u').where('lower(u.code) = ANY(:codes)', { codes }).getMany()).map((u) => [u.code.toLowerCase(), u]),
    );
    const manages = (u: OrgUnit) => canSee(principal, Permission.OrgUnitManage, u);

    // First pass: each row on its own.
    const candidates = new Map<string, GoodRow>();
    const firstRowOf = new Map<string, number>();
    let unchanged = 0;
    for (const { row, values: v } of rows) {
      const before = errors.list.length;
      const code = v.code ?? '';
      const key = code.toLowerCase();
      if (!code) errors.add(row, 'code', 'required');
      else if (!CODE.test(code)) errors.add(row, 'code', 'invalid_code');
      else if (firstRowOf.has(key)) errors.add(row, 'code', 'duplicate_in_file');
      if (code && !firstRowOf.has(key)) firstRowOf.set(key, row);
      const name = v.name ?? '';
      if (!name) errors.add(row, 'name', 'required');
      else if (name.length > 255) errors.add(row, 'name', 'too_long');
      const type = v.type ? TYPES[fold(v.type)] : undefined;
      if (!v.type) errors.add(row, 'type', 'required');
      else if (!type) errors.add(row, 'type', 'invalid_type');
      else if (type === 'district') errors.add(row, 'type', 'type_historical');
      const parentCode = v.parentCode ?? '';
      if (!parentCode) errors.add(row, 'parentCode', 'required');
      else if (parentCode.toLowerCase() === key) errors.add(row, 'parentCode', 'parent_cycle');
      const validFrom = v.validFrom ? parseDate(v.validFrom) : null;
      if (v.validFrom && !validFrom) errors.add(row, 'validFrom', 'invalid_date');
      const found = existing.get(key);
      if (found && code && errors.list.length === before) {
        // The same unit again (inside the importer's scope): leave it as it is.
        if (manages(found)) unchanged++;
        else errors.add(row, 'code', 'code_taken');
        continue;
      }
      if (errors.list.length === before && type) candidates.set(key, { row, code, name, type, parentCode, validFrom });
    }

    // Second pass: parents, in the tree or among the good rows, and creation order.
    const good: GoodRow[] = [];
    const state = new Map<string, 'ok' | 'bad' | 'visiting'>();
    const resolve = (key: string): 'ok' | 'bad' | 'cycle' => {
      const known = state.get(key);
      if (known === 'visiting') return 'cycle';
      if (known) return known;
      const r = candidates.get(key) as GoodRow;
      state.set(key, 'visiting');
      const parentKey = r.parentCode.toLowerCase();
      let outcome: 'ok' | 'bad' = 'ok';
      const inTree = existing.get(parentKey);
      if (candidates.has(parentKey)) {
        const parent = resolve(parentKey);
        if (parent === 'cycle') {
          errors.add(r.row, 'parentCode', 'parent_cycle');
          outcome = 'bad';
        } else if (parent === 'bad') {
          errors.add(r.row, 'parentCode', 'parent_invalid');
          outcome = 'bad';
        }
      } else if (firstRowOf.has(parentKey) && !inTree) {
        errors.add(r.row, 'parentCode', 'parent_invalid');
        outcome = 'bad';
      } else if (!inTree || !manages(inTree)) {
        errors.add(r.row, 'parentCode', 'parent_not_found');
        outcome = 'bad';
      } else if (inTree.validTo !== null) {
        errors.add(r.row, 'parentCode', 'unit_closed');
        outcome = 'bad';
      }
      state.set(key, outcome);
      if (outcome === 'ok') good.push(r);
      return outcome;
    };
    for (const key of candidates.keys()) resolve(key);
    errors.list.sort((a, b) => a.row - b.row);
    return { good, unchanged, errors };
  }
}

import { type Principal } from '@boiduong/api-core';
import {
  ASSIGNABLE_TITLES,
  CADRE_IMPORT_HEADERS,
  Permission,
  type CadreTitle,
  type Employment,
  type Gender,
  type ImportResult,
  type ImportRowError,
} from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { CadreProfile, OrgUnit, RoleGrant, User } from '../entities';
import { IdentityErrors } from '../identity.errors';
import { AuditService } from './audit.service';
import { CADRE_HEADER_FIELDS, REQUIRED_HEADERS, fold, messages, type CadreField, type CadreRow } from './cadre-sheet';
import { parseDate, readImportRows, RowErrors } from './import-sheet';
import { canSee } from './visibility';

const USERNAME = /^[a-zA-Z0-9._@-]{3,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .-]{8,20}$/;
const GENDERS: Record<string, Gender> = { nam: 'male', male: 'male', nu: 'female', female: 'female', khac: 'other', other: 'other' };
const EMPLOYMENTS: Record<string, Employment> = {
  'chuyen trach': 'full_time',
  full_time: 'full_time',
  'ban chuyen trach': 'part_time',
  part_time: 'part_time',
  'kiem nhiem': 'concurrent',
  concurrent: 'concurrent',
};
/**
 * Imported accounts get no usable password (this is not an argon2 hash, so every login fails)
 * until an admin resets it: passwords never travel in spreadsheets, and hashing thousands of
 * them would hold the request for minutes.
 */
const NO_PASSWORD = '!imported';

interface GoodRow {
  row: number;
  fullName: string;
  username: string;
  unit: OrgUnit;
  dateOfBirth: string | null;
  gender: Gender | null;
  email: string | null;
  phone: string | null;
  title: CadreTitle | null;
  employment: Employment;
}

@Injectable()
export class CadreImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The template: the Vietnamese headers, a sample row and a sheet of title codes. */
  async template(): Promise<Buffer> {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Cán bộ');
    sheet.addRow([...CADRE_IMPORT_HEADERS, 'Chế độ công tác']).font = { bold: true };
    sheet.addRow(['Nguyễn Văn A', '30/04/1995', 'Nam', 'HNI-BADINH', 'secretary.branch', 'nguyenvana', 'a@example.vn', '0912345678', 'Kiêm nhiệm']);
    sheet.columns.forEach((c) => (c.width = 22));
    const titles = workbook.addWorksheet('Chức danh');
    titles.addRow(['Mã chức danh']).font = { bold: true };
    for (const t of ASSIGNABLE_TITLES) titles.addRow([t]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /**
   * Validates every row first. With errors and without `validOnly`, nothing is written and the
   * whole list comes back as a 422. Rows whose username exists in scope are left as they are.
   */
  async import(principal: Principal, data: Buffer, validOnly: boolean): Promise<ImportResult> {
    const rows = await readImportRows(data, CADRE_HEADER_FIELDS, REQUIRED_HEADERS);
    const { good, unchanged, errors } = await this.validate(principal, rows);
    if (errors.length && !validOnly) throw IdentityErrors.IMPORT_INVALID({ errors, total: rows.length });
    const created = await this.db.transaction(async (m) => {
      let count = 0;
      // Serialise imports and re-check names inside the transaction: two uploads of one file create each account once.
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [727004]);
      for (const r of good) {
        const taken = await m.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [r.username]);
        if (taken.length) continue;
        count++;
        const user = m.create(User, {
          username: r.username,
          email: r.email,
          passwordHash: NO_PASSWORD,
          fullName: r.fullName,
          orgUnitId: r.unit.id,
          dateOfBirth: r.dateOfBirth,
          gender: r.gender,
          phone: r.phone,
          mustChangePassword: true,
        });
        await m.save(user);
        await m.insert(RoleGrant, { userId: user.id, role: 'learner', orgUnitId: r.unit.id });
        if (r.title) {
          await m.insert(CadreProfile, {
            userId: user.id,
            title: r.title,
            plannedTitles: [],
            employment: r.employment,
            theoryLevel: null,
            education: null,
          });
        }
        await this.audit.record(m, principal, {
          action: 'user.import',
          entity: 'user',
          entityId: user.id,
          unit: r.unit,
          before: null,
          after: { row: r.row, username: r.username, fullName: r.fullName, orgUnitId: r.unit.id, title: r.title },
        });
      }
      return count;
    });
    return { total: rows.length, created, unchanged: unchanged + good.length - created, skipped: new Set(errors.map((e) => e.row)).size, errors };
  }

  private async validate(principal: Principal, rows: CadreRow[]): Promise<{ good: GoodRow[]; unchanged: number; errors: ImportRowError[] }> {
    const rowErrors = new RowErrors<CadreField>(messages);
    const errors = rowErrors.list;
    const fail = (row: number, field: CadreField | undefined, reason: string) => rowErrors.add(row, field, reason);
    const codes = [...new Set(rows.map((r) => r.values.unitCode?.toLowerCase()).filter((c): c is string => !!c))];
    const units = new Map(
      (await this.db.getRepository(OrgUnit).createQueryBuilder('u').where('lower(u.code) = ANY(:codes)', { codes }).getMany()).map((u) => [
        u.code.toLowerCase(),
        u,
      ]),
    );
    const names = rows.map((r) => r.values.username?.toLowerCase()).filter((n): n is string => !!n);
    const existing: Array<{ username: string; path: string; heir_paths: string[] | null }> = names.length
      ? await this.db.query(
          `SELECT lower(u.username) AS username, o.path::text AS path, o.heir_paths::text[] AS heir_paths
             FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE lower(u.username) = ANY($1)`,
          [names],
        )
      : [];
    const existingByName = new Map(existing.map((e) => [e.username, e]));
    const emails = rows.map((r) => r.values.email?.toLowerCase()).filter((e): e is string => !!e);
    const takenEmails: Array<{ email: string; username: string }> = emails.length
      ? await this.db.query(`SELECT lower(email) AS email, lower(username) AS username FROM users WHERE lower(email) = ANY($1)`, [emails])
      : [];
    const emailOwner = new Map(takenEmails.map((e) => [e.email, e.username]));
    const seenNames = new Set<string>();
    const seenEmails = new Set<string>();
    const good: GoodRow[] = [];
    let unchanged = 0;
    for (const { row, values: v } of rows) {
      const before = errors.length;
      const fullName = v.fullName ?? '';
      if (!fullName) fail(row, 'fullName', 'required');
      else if (fullName.length > 255) fail(row, 'fullName', 'too_long');
      const username = v.username ?? '';
      const key = username.toLowerCase();
      if (!username) fail(row, 'username', 'required');
      else if (!USERNAME.test(username)) fail(row, 'username', 'invalid_username');
      else if (seenNames.has(key)) fail(row, 'username', 'duplicate_in_file');
      seenNames.add(key);
      const unit = v.unitCode ? units.get(v.unitCode.toLowerCase()) : undefined;
      if (!v.unitCode) fail(row, 'unitCode', 'required');
      else if (!unit || !canSee(principal, Permission.UserManage, unit)) fail(row, 'unitCode', 'unit_not_found');
      else if (unit.validTo !== null) fail(row, 'unitCode', 'unit_closed');
      const dateOfBirth = v.dateOfBirth ? parseDate(v.dateOfBirth) : null;
      if (v.dateOfBirth && !dateOfBirth) fail(row, 'dateOfBirth', 'invalid_date');
      const gender = v.gender ? GENDERS[fold(v.gender)] : null;
      if (v.gender && !gender) fail(row, 'gender', 'invalid_gender');
      const title = v.title ? (ASSIGNABLE_TITLES.find((t) => t === v.title?.toLowerCase()) ?? null) : null;
      if (v.title && !title) fail(row, 'title', 'invalid_title');
      const employment = v.employment ? EMPLOYMENTS[fold(v.employment)] : 'full_time';
      if (!employment) fail(row, 'employment', 'invalid_employment');
      const email = v.email ?? null;
      if (email && (!EMAIL.test(email) || email.length > 255)) fail(row, 'email', 'invalid_email');
      else if (email && seenEmails.has(email.toLowerCase())) fail(row, 'email', 'duplicate_in_file');
      else if (email && emailOwner.has(email.toLowerCase()) && emailOwner.get(email.toLowerCase()) !== key) fail(row, 'email', 'email_taken');
      if (email) seenEmails.add(email.toLowerCase());
      const phone = v.phone ? normalisePhone(v.phone) : null;
      if (v.phone && !phone) fail(row, 'phone', 'invalid_phone');
      const found = existingByName.get(key);
      if (found && username && errors.length === before) {
        // The same person again (inside the importer's scope): leave the account as it is.
        if (canSee(principal, Permission.UserManage, { path: found.path, heirPaths: found.heir_paths })) unchanged++;
        else fail(row, 'username', 'username_taken');
        continue;
      }
      if (errors.length > before || !unit) continue;
      good.push({ row, fullName, username, unit, dateOfBirth, gender: gender ?? null, email, phone, title, employment: employment ?? 'full_time' });
    }
    return { good, unchanged, errors };
  }
}

/** A phone number, restoring the leading zero a spreadsheet drops from 9-digit numbers. */
export function normalisePhone(text: string): string | null {
  const value = /^[1-9]\d{8}$/.test(text) ? `0${text}` : text;
  return PHONE.test(value) ? value : null;
}


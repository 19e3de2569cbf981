import { AppConfig } from '@boiduong/api-core';
import type { OrgUnitType, Role } from '@boiduong/shared-contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrgUnit, RoleGrant, User } from '../entities';
import { OrgUnitsService } from './org-units.service';
import { PasswordHasher } from './password-hasher';

export const ROOT_UNIT = { code: 'TWD', name: 'Trung ương Đoàn TNCS Hồ Chí Minh', type: 'central' as const };

/** Demo units: a province with communes and a bloc, plus a second province to show subtree limits. */
const DEMO_UNITS: Array<{ code: string; name: string; type: OrgUnitType; parent: string }> = [
  { code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province', parent: 'TWD' },
  { code: 'HNI-BADINH', name: 'Đoàn phường Ba Đình', type: 'commune', parent: 'HNI' },
  { code: 'HNI-HOANKIEM', name: 'Đoàn phường Hoàn Kiếm', type: 'commune', parent: 'HNI' },
  { code: 'HNI-BADINH-CD1', name: 'Chi đoàn Tổ dân phố số 1', type: 'branch', parent: 'HNI-BADINH' },
  { code: 'HNI-CQD', name: 'Đoàn Khối các cơ quan Đảng Thành phố', type: 'bloc', parent: 'HNI' },
  { code: 'DNG', name: 'Thành đoàn Đà Nẵng', type: 'province', parent: 'TWD' },
  { code: 'DNG-HAICHAU', name: 'Đoàn phường Hải Châu', type: 'commune', parent: 'DNG' },
];

/** The documented demo accounts (README); all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'BoiDuong@2025';
export const DEMO_ACCOUNTS: Array<{ username: string; fullName: string; unit: string; roles: Role[] }> = [
  { username: 'admin.hanoi', fullName: 'Trần Thị Hà', unit: 'HNI', roles: ['org_admin'] },
  { username: 'giangvien', fullName: 'Lê Minh Đức', unit: 'HNI', roles: ['lecturer', 'examiner'] },
  { username: 'hocvien', fullName: 'Nguyễn Văn Đức', unit: 'HNI-BADINH', roles: ['learner'] },
  { username: 'admin.danang', fullName: 'Phạm Quốc Bảo', unit: 'DNG', roles: ['org_admin'] },
];

const BOOTSTRAP_LOCK = 727002;

@Injectable()
export class BootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly units: OrgUnitsService,
  ) {}

  /**
   * Creates the root unit and the first super admin when none exists, then the demo data
   * when asked. Idempotent, and serialised by an advisory lock so replicas starting
   * together do it once.
   */
  async run(): Promise<{ adminCreated: boolean; demoLoaded: boolean }> {
    return this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const root = await this.ensureUnit(manager, ROOT_UNIT.code, ROOT_UNIT.name, ROOT_UNIT.type, null);
      const adminCreated = await this.ensureBootstrapAdmin(manager, root);
      const demoLoaded = this.config.env.DEMO_DATA && !this.config.isProduction ? await this.loadDemo(manager) : false;
      return { adminCreated, demoLoaded };
    });
  }

  private async ensureBootstrapAdmin(manager: EntityManager, root: OrgUnit): Promise<boolean> {
    const { BOOTSTRAP_ADMIN_USERNAME: username, BOOTSTRAP_ADMIN_PASSWORD: password } = this.config.env;
    if (!username || !password) return false;
    const admins = await manager.query(`SELECT 1 FROM role_grants WHERE role = 'super_admin' LIMIT 1`);
    if (admins.length > 0) return false;
    const existing = await manager.query(`SELECT id FROM users WHERE lower(username) = lower($1)`, [username]);
    let userId: string;
    if (existing.length > 0) {
      userId = existing[0].id;
    } else {
      const user = manager.create(User, {
        username,
        passwordHash: await this.hasher.hash(password),
        fullName: 'Quản trị hệ thống',
        orgUnitId: root.id,
      });
      userId = (await manager.save(user)).id;
    }
    await manager.insert(RoleGrant, { userId, role: 'super_admin', orgUnitId: root.id });
    this.logger.log(`Created the first super admin "${username}"`);
    return true;
  }

  private async loadDemo(manager: EntityManager): Promise<boolean> {
    const done = await manager.query(`SELECT 1 FROM users WHERE username = $1`, [DEMO_ACCOUNTS[0].username]);
    if (done.length > 0) return false;
    for (const u of DEMO_UNITS) {
      const parent = await manager.findOneByOrFail(OrgUnit, { code: u.parent });
      await this.ensureUnit(manager, u.code, u.name, u.type, parent);
    }
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    for (const a of DEMO_ACCOUNTS) {
      const unit = await manager.findOneByOrFail(OrgUnit, { code: a.unit });
      const user = await manager.save(manager.create(User, { username: a.username, passwordHash, fullName: a.fullName, orgUnitId: unit.id }));
      for (const role of a.roles) await manager.insert(RoleGrant, { userId: user.id, role, orgUnitId: unit.id });
    }
    this.logger.log(`Loaded demo data: ${DEMO_UNITS.length} units, ${DEMO_ACCOUNTS.length} accounts`);
    return true;
  }

  private async ensureUnit(manager: EntityManager, code: string, name: string, type: OrgUnitType, parent: OrgUnit | null): Promise<OrgUnit> {
    const found = await manager.findOneBy(OrgUnit, { code });
    return found ?? this.units.insert(manager, { code, name, type, parent });
  }
}

import { CommonErrors, type Principal } from '@boiduong/api-core';
import { OrgUnit } from '@boiduong/api-identity';
import { DEFAULT_CERTIFICATE_POLICY, Permission } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import type { CreateLessonDto, CreateModuleDto, CreateProgramDto, ListProgramsQuery } from '../dto/program.dto';
import { Lesson, Program, ProgramModule, ProgramVersion, StoredFile } from '../entities';
import { StoredFiles, type IncomingFile, type StoredFileSummary } from '../storage/stored-files.service';
import { sanitizeLessonHtml } from './sanitize';
import { grantPaths, seesUnit } from './visibility';

export interface ProgramView {
  id: string;
  code: string;
  name: string;
  family: Program['family'];
  contentGroup: Program['contentGroup'];
  ownerOrgUnitId: string;
  version: number;
  versionId: string;
  targetTitles: string[];
  requiredHours: number;
  learningOutcomes: string[];
  certificatePolicy: ProgramVersion['certificatePolicy'];
}

export interface LessonView {
  id: string;
  position: number;
  title: string;
  kind: Lesson['kind'];
  bodyHtml: string | null;
  videoUrl: string | null;
  fileId: string | null;
  durationMinutes: number | null;
}

export interface ModuleView {
  id: string;
  position: number;
  title: string;
  description: string | null;
  lessons: LessonView[];
}

export function toLessonView(l: Lesson): LessonView {
  return {
    id: l.id,
    position: l.position,
    title: l.title,
    kind: l.kind,
    bodyHtml: l.bodyHtml,
    videoUrl: l.videoUrl,
    fileId: l.fileId,
    durationMinutes: l.durationMinutes,
  };
}

@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly files: StoredFiles,
  ) {}

  async create(principal: Principal, dto: CreateProgramDto): Promise<ProgramView> {
    const owner = await this.manageableUnit(principal, dto.ownerOrgUnitId, Permission.ProgramManage);
    if (owner.type !== 'central' && owner.type !== 'province') throw CatalogErrors.PROGRAM_OWNER_LEVEL();
    const id = await this.db.transaction(async (m) => {
      const clash = await m.query(`SELECT 1 FROM programs WHERE lower(code) = lower($1)`, [dto.code]);
      if (clash.length) throw CatalogErrors.PROGRAM_CODE_TAKEN({ code: dto.code });
      const program = await m.save(
        m.create(Program, {
          code: dto.code,
          name: dto.name.normalize('NFC'),
          family: dto.family,
          contentGroup: dto.contentGroup ?? 'job_skills',
          ownerOrgUnitId: owner.id,
        }),
      );
      await m.insert(ProgramVersion, {
        programId: program.id,
        version: 1,
        name: program.name,
        targetTitles: [...new Set(dto.targetTitles)],
        requiredHours: dto.requiredHours,
        learningOutcomes: (dto.learningOutcomes ?? []).map((s) => s.normalize('NFC')),
        // Fields left out keep the defaults (the validated DTO carries them as undefined).
        certificatePolicy: {
          ...DEFAULT_CERTIFICATE_POLICY,
          ...Object.fromEntries(Object.entries(dto.certificatePolicy ?? {}).filter(([, v]) => v !== undefined)),
        },
        lockedAt: null,
      });
      return program.id;
    });
    return this.get(principal, id);
  }

  async list(principal: Principal, query: ListProgramsQuery): Promise<ProgramView[]> {
    const params: unknown[] = [grantPaths(principal)];
    let where = `(o.type = 'central' OR o.path <@ ANY($1::ltree[]) OR o.path @> ANY($1::ltree[]))`;
    if (query.family) {
      params.push(query.family);
      where += ` AND p.family = $${params.length}`;
    }
    if (query.q) {
      params.push(query.q);
      where += ` AND (unaccent(lower(p.name)) LIKE '%' || unaccent(lower($${params.length})) || '%' OR lower(p.code) = lower($${params.length}))`;
    }
    const rows = await this.db.query(
      `SELECT p.id, p.code, p.name, p.family, p.content_group, p.owner_org_unit_id,
              v.id AS version_id, v.version, v.target_titles, v.required_hours, v.learning_outcomes, v.certificate_policy
         FROM programs p JOIN org_units o ON o.id = p.owner_org_unit_id
         JOIN LATERAL (SELECT * FROM program_versions pv WHERE pv.program_id = p.id ORDER BY pv.version DESC LIMIT 1) v ON true
        WHERE ${where}
        ORDER BY p.name, p.id LIMIT 200`,
      params,
    );
    return rows.map(rowToView);
  }

  async get(principal: Principal, id: string): Promise<ProgramView & { modules: ModuleView[] }> {
    const { program, owner } = await this.visible(principal, id);
    const version = await this.latestVersion(this.db.manager, program.id);
    return { ...toView(program, version, owner.id), modules: await this.modulesOf(this.db.manager, version.id) };
  }

  async addModule(principal: Principal, programId: string, dto: CreateModuleDto): Promise<ModuleView> {
    const { program } = await this.manageable(principal, programId);
    return this.db.transaction(async (m) => {
      const { version } = await this.editableVersion(m, program.id);
      const [{ next }] = await m.query(`SELECT COALESCE(max(position), 0) + 1 AS next FROM program_modules WHERE program_version_id = $1`, [version.id]);
      const mod = await m.save(
        m.create(ProgramModule, { programVersionId: version.id, position: next, title: dto.title.normalize('NFC'), description: dto.description ?? null }),
      );
      return { id: mod.id, position: mod.position, title: mod.title, description: mod.description, lessons: [] };
    });
  }

  async addLesson(principal: Principal, moduleId: string, dto: CreateLessonDto): Promise<LessonView> {
    const mod = await this.db.getRepository(ProgramModule).findOne({ where: { id: moduleId }, relations: { programVersion: true } });
    if (!mod?.programVersion) throw CatalogErrors.MODULE_NOT_FOUND();
    const { program } = await this.manageable(principal, mod.programVersion.programId, CatalogErrors.MODULE_NOT_FOUND);
    const content = await this.lessonContent(principal, dto);
    return this.db.transaction(async (m) => {
      // Key-share lock: the clean-up of unused files cannot remove it before this commits, and a
      // file it removed a moment ago is a 404 here rather than a foreign-key failure.
      if (content.fileId && (await m.query(`SELECT 1 FROM stored_files WHERE id = $1 FOR KEY SHARE`, [content.fileId])).length === 0)
        throw CatalogErrors.FILE_NOT_FOUND({ fileId: content.fileId });
      const { version, moduleMap } = await this.editableVersion(m, program.id);
      const targetModuleId = moduleMap.get(moduleId) ?? moduleId;
      const target = await m.findOneBy(ProgramModule, { id: targetModuleId, programVersionId: version.id });
      // The module belongs to an older version that the current one no longer has.
      if (!target) throw CatalogErrors.MODULE_NOT_FOUND();
      const [{ next }] = await m.query(`SELECT COALESCE(max(position), 0) + 1 AS next FROM lessons WHERE module_id = $1`, [target.id]);
      const lesson = await m.save(
        m.create(Lesson, {
          moduleId: target.id,
          programVersionId: version.id,
          position: next,
          title: dto.title.normalize('NFC'),
          durationMinutes: dto.durationMinutes ?? null,
          ...content,
        }),
      );
      return toLessonView(lesson);
    });
  }

  /** Stores an uploaded lesson file after checking its type, size and content, before anything reaches the storage. */
  async upload(principal: Principal, ownerOrgUnitId: string, file: IncomingFile | undefined): Promise<StoredFileSummary> {
    const owner = await this.manageableUnit(principal, ownerOrgUnitId, Permission.ProgramManage);
    const accepted = await this.files.accept(principal, file, { accepts: () => true, maxBytes: Infinity, refused: CatalogErrors.FILE_TYPE_REFUSED });
    return this.files.store(principal, accepted, { orgUnitId: owner.id, purpose: 'content', keyPrefix: '' });
  }

  /** A stored content file the principal may read (same visibility as programs), or 404; submission files are never served here. */
  async visibleFile(principal: Principal, id: string): Promise<StoredFile> {
    const file = await this.db.getRepository(StoredFile).findOne({ where: { id }, relations: { ownerOrgUnit: true } });
    if (!file?.ownerOrgUnit || file.purpose !== 'content' || !seesUnit(principal, file.ownerOrgUnit.path, file.ownerOrgUnit.type)) throw CatalogErrors.FILE_NOT_FOUND();
    return file;
  }

  async modulesOf(m: EntityManager, versionId: string): Promise<ModuleView[]> {
    const modules = await m.find(ProgramModule, { where: { programVersionId: versionId }, order: { position: 'ASC' } });
    const lessons = await m.find(Lesson, { where: { programVersionId: versionId }, order: { position: 'ASC' } });
    return modules.map((mod) => ({
      id: mod.id,
      position: mod.position,
      title: mod.title,
      description: mod.description,
      lessons: lessons.filter((l) => l.moduleId === mod.id).map(toLessonView),
    }));
  }

  async latestVersion(m: EntityManager, programId: string): Promise<ProgramVersion> {
    const v = await m.findOne(ProgramVersion, { where: { programId }, order: { version: 'DESC' } });
    if (!v) throw CatalogErrors.PROGRAM_NOT_FOUND();
    return v;
  }

  /** A program the principal may see, or 404. */
  async visible(principal: Principal, id: string, notFound = CatalogErrors.PROGRAM_NOT_FOUND): Promise<{ program: Program; owner: OrgUnit }> {
    const program = await this.db.getRepository(Program).findOne({ where: { id }, relations: { ownerOrgUnit: true } });
    if (!program?.ownerOrgUnit || !seesUnit(principal, program.ownerOrgUnit.path, program.ownerOrgUnit.type)) throw notFound();
    return { program, owner: program.ownerOrgUnit };
  }

  /** A program the principal may change: 404 when not visible, 403 when visible but not theirs to manage. */
  private async manageable(principal: Principal, id: string, notFound = CatalogErrors.PROGRAM_NOT_FOUND): Promise<{ program: Program; owner: OrgUnit }> {
    const found = await this.visible(principal, id, notFound);
    if (!principal.can(Permission.ProgramManage, found.owner.path)) throw CommonErrors.FORBIDDEN();
    return found;
  }

  async manageableUnit(principal: Principal, unitId: string, permission: Permission): Promise<OrgUnit> {
    const unit = await this.db.getRepository(OrgUnit).findOneBy({ id: unitId });
    if (!unit || !principal.can(permission, unit.path)) throw CommonErrors.NOT_FOUND({ orgUnitId: unitId });
    return unit;
  }

  /**
   * The version edits go to: the latest, unless a course has locked it, in which case a copy
   * (version + 1, with its modules and lessons) is made first. The program row lock serialises
   * this against course creation, which locks the version it pins.
   */
  private async editableVersion(m: EntityManager, programId: string): Promise<{ version: ProgramVersion; moduleMap: Map<string, string> }> {
    await m.query(`SELECT 1 FROM programs WHERE id = $1 FOR UPDATE`, [programId]);
    const latest = await this.latestVersion(m, programId);
    const moduleMap = new Map<string, string>();
    if (!latest.lockedAt) return { version: latest, moduleMap };
    const next = await m.save(
      m.create(ProgramVersion, {
        programId,
        version: latest.version + 1,
        name: latest.name,
        targetTitles: latest.targetTitles,
        requiredHours: latest.requiredHours,
        learningOutcomes: latest.learningOutcomes,
        certificatePolicy: latest.certificatePolicy,
        lockedAt: null,
      }),
    );
    const modules = await m.find(ProgramModule, { where: { programVersionId: latest.id } });
    for (const mod of modules) {
      const copy = await m.save(m.create(ProgramModule, { programVersionId: next.id, position: mod.position, title: mod.title, description: mod.description }));
      moduleMap.set(mod.id, copy.id);
    }
    await m.query(
      `INSERT INTO lessons (module_id, program_version_id, position, title, kind, body_html, video_url, file_id, duration_minutes)
       SELECT map.new_id, $2, l.position, l.title, l.kind, l.body_html, l.video_url, l.file_id, l.duration_minutes
         FROM lessons l JOIN unnest($3::uuid[], $4::uuid[]) AS map(old_id, new_id) ON map.old_id = l.module_id
        WHERE l.program_version_id = $1`,
      [latest.id, next.id, [...moduleMap.keys()], [...moduleMap.values()]],
    );
    return { version: next, moduleMap };
  }

  private async lessonContent(principal: Principal, dto: CreateLessonDto): Promise<Pick<Lesson, 'kind' | 'bodyHtml' | 'videoUrl' | 'fileId'>> {
    switch (dto.kind) {
      case 'text':
        if (dto.bodyHtml === undefined || dto.videoUrl || dto.fileId) throw CatalogErrors.LESSON_CONTENT_INVALID();
        return { kind: 'text', bodyHtml: sanitizeLessonHtml(dto.bodyHtml), videoUrl: null, fileId: null };
      case 'video_link':
        if (!dto.videoUrl || dto.fileId) throw CatalogErrors.LESSON_CONTENT_INVALID();
        return { kind: 'video_link', bodyHtml: dto.bodyHtml ? sanitizeLessonHtml(dto.bodyHtml) : null, videoUrl: dto.videoUrl, fileId: null };
      case 'file': {
        if (!dto.fileId || dto.videoUrl) throw CatalogErrors.LESSON_CONTENT_INVALID();
        const file = await this.visibleFile(principal, dto.fileId);
        return { kind: 'file', bodyHtml: dto.bodyHtml ? sanitizeLessonHtml(dto.bodyHtml) : null, videoUrl: null, fileId: file.id };
      }
    }
  }
}

function toView(p: Program, v: ProgramVersion, ownerId: string): ProgramView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    family: p.family,
    contentGroup: p.contentGroup,
    ownerOrgUnitId: ownerId,
    version: v.version,
    versionId: v.id,
    targetTitles: v.targetTitles,
    requiredHours: v.requiredHours,
    learningOutcomes: v.learningOutcomes,
    certificatePolicy: v.certificatePolicy,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function rowToView(r: any): ProgramView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    family: r.family,
    contentGroup: r.content_group,
    ownerOrgUnitId: r.owner_org_unit_id,
    version: r.version,
    versionId: r.version_id,
    targetTitles: r.target_titles,
    requiredHours: r.required_hours,
    learningOutcomes: r.learning_outcomes,
    certificatePolicy: r.certificate_policy,
  };
}

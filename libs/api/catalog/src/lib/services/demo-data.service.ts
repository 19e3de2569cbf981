import { AppConfig } from '@boiduong/api-core';
import type { ContentGroup, ProgramFamily, TitleCode } from '@boiduong/shared-contracts';
import { DEFAULT_CERTIFICATE_POLICY } from '@boiduong/shared-contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Course, Lesson, Program, ProgramModule, ProgramVersion } from '../entities';

interface DemoProgram {
  code: string;
  name: string;
  family: ProgramFamily;
  contentGroup: ContentGroup;
  titles: TitleCode[];
  hours: number;
  modules: string[];
}

/** One program per family of the decision, a few modules each (one text lesson per module). */
const DEMO_PROGRAMS: DemoProgram[] = [
  {
    code: 'TW-CD-BTX',
    name: 'Bồi dưỡng chức danh Bí thư Đoàn xã, phường, đặc khu',
    family: 'title',
    contentGroup: 'job_skills',
    titles: ['secretary.commune', 'deputy_secretary.commune'],
    hours: 40,
    modules: [
      'Thực tiễn công tác xây dựng Đoàn',
      'Đổi mới phương pháp giáo dục',
      'Tập hợp, đoàn kết thanh niên',
      'Tham mưu cấp ủy',
      'Phương pháp làm việc của Bí thư Đoàn xã',
      'Phần mềm quản lý đoàn viên và Mặt trận',
      'Khởi nghiệp, đổi mới sáng tạo',
      'Chuyển đổi số, trí tuệ nhân tạo và hoạt động tình nguyện',
    ],
  },
  {
    code: 'TW-CB-DHD',
    name: 'Kiến thức, kỹ năng cơ bản công tác Đoàn, Hội, Đội',
    family: 'basic',
    contentGroup: 'job_skills',
    titles: ['secretary.branch', 'secretary.grassroots'],
    hours: 24,
    modules: ['Công tác Đoàn', 'Công tác Hội', 'Công tác Đội'],
  },
  {
    code: 'TW-CM-TG',
    name: 'Nghiệp vụ công tác Tuyên giáo',
    family: 'specialty',
    contentGroup: 'political_theory',
    titles: [],
    hours: 16,
    modules: ['Tuyên truyền, giáo dục chính trị tư tưởng', 'Định hướng dư luận trên không gian mạng'],
  },
  {
    code: 'TW-CM-KTGS',
    name: 'Nghiệp vụ công tác Kiểm tra giám sát',
    family: 'specialty',
    contentGroup: 'state_management',
    titles: [],
    hours: 16,
    modules: ['Quy trình kiểm tra', 'Giám sát và xử lý kỷ luật'],
  },
  {
    code: 'TW-MOI-CDS',
    name: 'Chuyển đổi số và kinh tế số',
    family: 'innovation',
    contentGroup: 'science_innovation_digital',
    titles: [],
    hours: 16,
    modules: ['Chuyển đổi số trong tổ chức Đoàn', 'Kinh tế số cho thanh niên'],
  },
  {
    code: 'TW-MOI-KN',
    name: 'Khởi nghiệp và đổi mới sáng tạo',
    family: 'innovation',
    contentGroup: 'science_innovation_digital',
    titles: [],
    hours: 16,
    modules: ['Tư duy khởi nghiệp', 'Hỗ trợ thanh niên khởi nghiệp'],
  },
  {
    code: 'TW-LDQL',
    name: 'Kỹ năng lãnh đạo, quản lý',
    family: 'leadership',
    contentGroup: 'state_management',
    titles: ['secretary.province', 'deputy_secretary.province'],
    hours: 24,
    modules: ['Lãnh đạo tổ chức Đoàn', 'Quản lý thời gian và ra quyết định', 'Quốc phòng, an ninh cho cán bộ Đoàn'],
  },
  {
    code: 'TW-GV-BCV',
    name: 'Bồi dưỡng giảng viên, báo cáo viên',
    family: 'lecturer',
    contentGroup: 'job_skills',
    titles: [],
    hours: 24,
    modules: ['Phương pháp giảng dạy tích cực', 'Kỹ năng thuyết trình, báo cáo'],
  },
];

export const DEMO_COURSE_NAME = 'Lớp bồi dưỡng trực tuyến Bí thư Đoàn xã, phường, đặc khu toàn quốc';
const DEMO_LOCK = 727004;

/**
 * Demo programs (one per family) and an open national online course, loaded when DEMO_DATA is on;
 * idempotent (keyed on program codes) and serialised by an advisory lock. Runs after the identity
 * bootstrap, which creates the central unit.
 */
@Injectable()
export class CatalogDemoData {
  private readonly logger = new Logger('CatalogDemoData');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ loaded: boolean }> {
    if (!this.config.env.DEMO_DATA || this.config.isProduction) return { loaded: false };
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
      const [root] = await m.query(`SELECT id FROM org_units WHERE parent_id IS NULL AND type = 'central' ORDER BY created_at LIMIT 1`);
      if (!root) return { loaded: false };
      const done = await m.query(`SELECT 1 FROM programs WHERE lower(code) = lower($1)`, [DEMO_PROGRAMS[0].code]);
      if (done.length) return { loaded: false };
      let firstVersion: ProgramVersion | null = null;
      for (const p of DEMO_PROGRAMS) {
        const version = await this.insertProgram(m, p, root.id);
        firstVersion ??= version;
      }
      if (firstVersion) {
        await m.query(`UPDATE program_versions SET locked_at = now() WHERE id = $1`, [firstVersion.id]);
        const opens = new Date();
        await m.insert(Course, {
          programId: firstVersion.programId,
          programVersionId: firstVersion.id,
          orgUnitId: root.id,
          name: DEMO_COURSE_NAME,
          mode: 'online',
          status: 'open',
          startsOn: opens.toISOString().slice(0, 10),
          endsOn: new Date(opens.getTime() + 9 * 86_400_000).toISOString().slice(0, 10),
          openFrom: opens,
          openUntil: new Date(opens.getTime() + 10 * 86_400_000),
          capacity: null,
          selfEnrollment: true,
          openToAll: true,
        });
      }
      this.logger.log(`Loaded demo catalog: ${DEMO_PROGRAMS.length} programs, 1 open national course`);
      return { loaded: true };
    });
  }

  private async insertProgram(m: EntityManager, p: DemoProgram, ownerId: string): Promise<ProgramVersion> {
    const program = await m.save(m.create(Program, { code: p.code, name: p.name, family: p.family, contentGroup: p.contentGroup, ownerOrgUnitId: ownerId }));
    const version = await m.save(
      m.create(ProgramVersion, {
        programId: program.id,
        version: 1,
        name: p.name,
        targetTitles: p.titles,
        requiredHours: p.hours,
        learningOutcomes: [`Nắm vững nội dung: ${p.name}`],
        certificatePolicy: DEFAULT_CERTIFICATE_POLICY,
        lockedAt: null,
      }),
    );
    for (const [i, title] of p.modules.entries()) {
      const mod = await m.save(m.create(ProgramModule, { programVersionId: version.id, position: i + 1, title, description: null }));
      await m.insert(Lesson, {
        moduleId: mod.id,
        programVersionId: version.id,
        position: 1,
        title: `Bài giảng: ${title}`,
        kind: 'text',
        bodyHtml: `<p>${title}: bài giảng ghi hình và tài liệu tham khảo.</p>`,
        videoUrl: null,
        fileId: null,
        durationMinutes: 45,
      });
    }
    return version;
  }
}

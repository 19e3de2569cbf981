import type { Principal } from '@boiduong/api-core';
import { Permission, type NominationReason, type TitleEligibility, type TitleEligibilityBatch } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CertificationErrors } from '../certification.errors';
import { CertificateRuleSet } from '../entities/rule-set.entity';
import { nominationDecision, ruleSetInForce } from '../rules/rules';
import { todayInVietnam } from './issuance';

const MESSAGES: Record<NominationReason, { vi: string; en: string }> = {
  certificate_held: { vi: 'Cán bộ có chứng chỉ bồi dưỡng theo chức danh còn hiệu lực.', en: 'The cadre holds a valid certificate for the title.' },
  within_grace_window: {
    vi: 'Cán bộ mới được bố trí chức danh, còn trong thời hạn được phép bổ sung chứng chỉ.',
    en: 'The cadre was recently appointed to the title and is still within the grace window to obtain the certificate.',
  },
  no_certificate: { vi: 'Cán bộ chưa có chứng chỉ bồi dưỡng theo chức danh.', en: 'The cadre holds no certificate for the title.' },
  certificate_revoked: { vi: 'Chứng chỉ bồi dưỡng theo chức danh của cán bộ đã bị thu hồi.', en: "The cadre's certificate for the title was revoked." },
  grace_window_over: {
    vi: 'Đã hết thời hạn bổ sung chứng chỉ kể từ khi được bố trí chức danh.',
    en: 'The grace window after the appointment to the title is over.',
  },
  certificate_expired: { vi: 'Chứng chỉ bồi dưỡng theo chức danh đã hết thời hạn hiệu lực.', en: 'The certificate for the title has expired.' },
};

/** "May this cadre be nominated for title T on date D?" from the certificates held and the appointment. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(CertificateRuleSet) private readonly ruleSets: Repository<CertificateRuleSet>,
  ) {}

  /** The cadre themself, or anyone who may read users or issue certificates in the cadre's unit; others get a 404. */
  async forCadre(principal: Principal, userId: string, title: string, on = todayInVietnam()): Promise<TitleEligibility> {
    const batch = await this.forCadres(principal, [userId], title, on);
    if (!batch.results.length) throw CertificationErrors.CADRE_NOT_FOUND();
    return batch.results[0];
  }

  /**
   * The same question for a nomination list, in three queries whatever its length. Cadres the caller
   * may not see come back in `notFound`, like unknown ids, so the answer tells nothing about them.
   */
  async forCadres(principal: Principal, userIds: readonly string[], title: string, on = todayInVietnam()): Promise<TitleEligibilityBatch> {
    const ids = [...new Set(userIds)];
    const cadres: Array<{ id: string; path: string; title: string | null; title_since: string | null }> = await this.db.query(
      `SELECT u.id, ou.path::text AS path, cp.title, cp.title_since::text AS title_since
         FROM users u JOIN org_units ou ON ou.id = u.org_unit_id LEFT JOIN cadre_profiles cp ON cp.user_id = u.id
        WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    const visible = new Map(
      cadres
        .filter((c) => c.id === principal.userId || principal.can(Permission.UserRead, c.path) || principal.can(Permission.CertificateIssue, c.path))
        .map((c) => [c.id, c]),
    );
    const notFound = ids.filter((id) => !visible.has(id));
    if (!visible.size) return { title, on, results: [], notFound };
    const sets = await this.ruleSets.find();
    const inForce = ruleSetInForce(sets, on);
    if (!inForce) throw CertificationErrors.CERTIFICATE_NO_RULE_SET();
    const validity = new Map(sets.map((s) => [s.code, s.rules.validityMonths]));
    const rows: Array<{ id: string; user_id: string; code: string; serial_number: string; issued_on: string; status: 'valid' | 'revoked' | 'replaced'; rule_set_code: string }> =
      await this.db.query(
        `SELECT id, user_id, code, serial_number, issued_on::text AS issued_on, status, rule_set_code
           FROM certificates WHERE user_id = ANY($1::uuid[]) AND $2 = ANY(titles)`,
        [[...visible.keys()], title],
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const results = ids.flatMap((userId): TitleEligibility[] => {
      const cadre = visible.get(userId);
      if (!cadre) return [];
      const decision = nominationDecision(
        on,
        rows
          .filter((r) => r.user_id === userId)
          .map((r) => ({ id: r.id, issuedOn: r.issued_on, status: r.status, validityMonths: validity.get(r.rule_set_code) ?? null })),
        // Only the title the cadre holds now has a grace window, counted from the recorded appointment.
        cadre.title === title && cadre.title_since ? { since: cadre.title_since, graceMonths: inForce.rules.titleGraceMonths } : null,
      );
      const certificate = decision.certificateId ? byId.get(decision.certificateId) : undefined;
      const printed = certificate ? { serialNumber: certificate.serial_number, certificateCode: certificate.code } : {};
      return [{ ...decision, ...printed, message: MESSAGES[decision.reason], userId, title, on }];
    });
    return { title, on, results, notFound };
  }
}

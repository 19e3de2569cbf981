import { addMonths, evaluateEligibility, nominationDecision, ruleSetInForce, type CertificateRules } from './rules';

const TT03: CertificateRules = {
  attendanceShareRequired: 1,
  passMarkPercent: 50,
  rulesKeptRequired: true,
  issueOnce: true,
  validityMonths: null,
  titleGraceMonths: 12,
};

describe('evaluateEligibility', () => {
  const ok = { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 80 }], rulesKept: true };

  it('accepts full attendance and every required score at or above the pass mark', () => {
    expect(evaluateEligibility('tt', TT03, ok)).toEqual({ eligible: true, ruleSetCode: 'tt', unmet: [] });
  });

  it('accepts exactly 50%, including after a division', () => {
    const d = evaluateEligibility('tt', TT03, { ...ok, assessments: [{ code: 'a', required: true, scorePercent: (5 / 10) * 100 }, { code: 'b', required: true, scorePercent: 50 }] });
    expect(d.eligible).toBe(true);
  });

  it('refuses 49.99% and ignores optional assessments', () => {
    const d = evaluateEligibility('tt', TT03, { ...ok, assessments: [{ code: 'a', required: true, scorePercent: 49.99 }, { code: 'quiz', required: false, scorePercent: 0 }] });
    expect(d.eligible).toBe(false);
    expect(d.unmet.map((u) => [u.code, u.assessmentCode])).toEqual([['assessment_below_pass_mark', 'a']]);
  });

  it('lists every unmet condition with Vietnamese and English messages', () => {
    const d = evaluateEligibility('tt', TT03, { attendanceShare: null, assessments: [{ code: 'final', required: true, scorePercent: null }], rulesKept: false });
    expect(d.unmet.map((u) => u.code)).toEqual(['attendance_missing', 'assessment_missing', 'rules_not_kept']);
    for (const u of d.unmet) {
      expect(u.message.vi.length).toBeGreaterThan(10);
      expect(u.message.en.length).toBeGreaterThan(10);
    }
    expect(d.unmet[0].message.vi).toContain('chuyên cần');
  });

  it('refuses partial attendance under the full-attendance rule but not under a looser set', () => {
    const facts = { ...ok, attendanceShare: 0.9 };
    expect(evaluateEligibility('tt', TT03, facts).unmet.map((u) => u.code)).toEqual(['attendance_short']);
    expect(evaluateEligibility('later', { ...TT03, attendanceShareRequired: 0.8 }, facts).eligible).toBe(true);
  });

  it('does not check conduct when the set does not require it', () => {
    expect(evaluateEligibility('x', { ...TT03, rulesKeptRequired: false }, { ...ok, rulesKept: false }).eligible).toBe(true);
  });
});

describe('ruleSetInForce', () => {
  const sets = [{ code: 'old', effectiveFrom: '2023-07-01' }, { code: 'new', effectiveFrom: '2026-01-01' }];
  it('picks the latest set whose effective date has come', () => {
    expect(ruleSetInForce(sets, '2025-12-31')?.code).toBe('old');
    expect(ruleSetInForce(sets, '2026-01-01')?.code).toBe('new');
    expect(ruleSetInForce(sets, '2023-06-30')).toBeUndefined();
  });
});

describe('nominationDecision (title certificate and grace window)', () => {
  const cert = { id: 'c1', issuedOn: '2025-05-10', status: 'valid' as const, validityMonths: null };
  const grace = (since: string) => ({ since, graceMonths: 12 });

  it('accepts a held, valid certificate and refuses a revoked one, or one issued after the date', () => {
    expect(nominationDecision('2026-01-01', [cert], null)).toEqual({ eligible: true, reason: 'certificate_held', certificateId: 'c1', expiresOn: null });
    expect(nominationDecision('2026-01-01', [{ ...cert, status: 'revoked' }], null)).toEqual({ eligible: false, reason: 'certificate_revoked' });
    expect(nominationDecision('2026-01-01', [{ ...cert, status: 'replaced' }], null)).toEqual({ eligible: false, reason: 'no_certificate' });
    expect(nominationDecision('2025-05-09', [cert], null)).toEqual({ eligible: false, reason: 'no_certificate' });
  });

  it('accepts a newly appointed holder without the certificate for 12 months, not a day longer', () => {
    expect(nominationDecision('2026-01-14', [], grace('2025-01-15'))).toEqual({ eligible: true, reason: 'within_grace_window', graceEndsOn: '2026-01-15' });
    expect(nominationDecision('2026-01-15', [], grace('2025-01-15'))).toEqual({ eligible: false, reason: 'grace_window_over', graceEndsOn: '2026-01-15' });
    expect(nominationDecision('2025-01-14', [], grace('2025-01-15')).reason).toBe('no_certificate');
  });

  it('honours a validity period, names the longest-lasting certificate, and lets the grace window cover an expired one', () => {
    const expiring = { ...cert, validityMonths: 24 };
    expect(nominationDecision('2027-05-09', [expiring], null)).toMatchObject({ reason: 'certificate_held', expiresOn: '2027-05-10' });
    expect(nominationDecision('2027-05-10', [expiring], null)).toEqual({ eligible: false, reason: 'certificate_expired', certificateId: 'c1', expiresOn: '2027-05-10' });
    const later = { ...expiring, id: 'c2', issuedOn: '2026-02-01' };
    expect(nominationDecision('2027-05-10', [expiring, later], null)).toMatchObject({ eligible: true, certificateId: 'c2', expiresOn: '2028-02-01' });
    expect(nominationDecision('2027-05-10', [expiring], grace('2027-01-01'))).toEqual({ eligible: true, reason: 'within_grace_window', graceEndsOn: '2028-01-01' });
  });

  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-06-15', 12)).toBe('2026-06-15');
  });
});

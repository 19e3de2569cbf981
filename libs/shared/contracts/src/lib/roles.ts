export const ROLES = ['learner', 'lecturer', 'examiner', 'org_admin', 'super_admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Permission codes shared by API guards and Angular templates, so that a button
 * is shown exactly when the request behind it would be allowed.
 */
export const Permission = {
  HealthDetailsRead: 'health.details.read',
  OrgUnitRead: 'org_unit.read',
  OrgUnitManage: 'org_unit.manage',
  UserRead: 'user.read',
  UserManage: 'user.manage',
  AuditRead: 'audit.read',
  CourseStudy: 'course.study',
  ItemAuthor: 'item.author',
  ItemReview: 'item.review',
  ExamTake: 'exam.take',
  ExamProctor: 'exam.proctor',
  ExamManage: 'exam.manage',
  CertificateIssue: 'certificate.issue',
  QueueDashboard: 'queue.dashboard',
  ProgramManage: 'program.manage',
  CourseManage: 'course.manage',
  CourseTeach: 'course.teach',
  StatisticsRead: 'statistics.read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/** What each role may do inside the subtree it is granted on. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  learner: [Permission.CourseStudy, Permission.ExamTake],
  lecturer: [Permission.CourseStudy, Permission.ItemAuthor, Permission.ItemReview, Permission.OrgUnitRead, Permission.CourseTeach, Permission.StatisticsRead],
  examiner: [Permission.ExamProctor, Permission.OrgUnitRead, Permission.StatisticsRead],
  org_admin: [
    Permission.OrgUnitRead,
    Permission.OrgUnitManage,
    Permission.UserRead,
    Permission.UserManage,
    Permission.AuditRead,
    Permission.ExamManage,
    Permission.ExamProctor,
    Permission.CertificateIssue,
    Permission.ItemReview,
    Permission.ProgramManage,
    Permission.CourseManage,
    Permission.StatisticsRead,
  ],
  super_admin: Object.values(Permission),
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const all = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) all.add(p);
  return [...all].sort();
}

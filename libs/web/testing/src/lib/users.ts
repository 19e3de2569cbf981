import { ROLE_PERMISSIONS, type CurrentUser } from '@boiduong/shared-contracts';

/** People the specs sign in as, named after the demo accounts; each has its role's permissions. */
export const LEARNER: CurrentUser = {
  id: 'u-duc',
  username: 'hocvien',
  fullName: 'Nguyễn Văn Đức',
  email: null,
  orgUnit: { id: 'o-bd', code: 'HNI-BADINH', name: 'Đoàn phường Ba Đình', type: 'commune' },
  roles: [{ role: 'learner', orgUnitId: 'o-bd', orgUnitCode: 'HNI-BADINH', orgUnitName: 'Đoàn phường Ba Đình' }],
  permissions: [...ROLE_PERMISSIONS.learner],
  mustChangePassword: false,
};

export const LECTURER: CurrentUser = {
  id: 'u-gv',
  username: 'giangvien',
  fullName: 'Lê Văn Giảng',
  email: null,
  orgUnit: { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'lecturer', orgUnitId: 'o-hn', orgUnitCode: 'HNI', orgUnitName: 'Thành đoàn Hà Nội' }],
  permissions: [...ROLE_PERMISSIONS.lecturer],
  mustChangePassword: false,
};

export const ORG_ADMIN: CurrentUser = {
  id: 'u-admin',
  username: 'admin.hanoi',
  fullName: 'Trần Thị Hà',
  email: 'ha@example.vn',
  orgUnit: { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'org_admin', orgUnitId: 'o-hn', orgUnitCode: 'HNI', orgUnitName: 'Thành đoàn Hà Nội' }],
  permissions: [...ROLE_PERMISSIONS.org_admin],
  mustChangePassword: false,
};

import type { CurrentUser, LoginResponse } from '@boiduong/shared-contracts';
import { Permission } from '@boiduong/shared-contracts';

/** Shared by this library's specs only; not exported from the public API. */
export const TEST_USER: CurrentUser = {
  id: 'u1',
  username: 'nguyenvana',
  fullName: 'Nguyễn Văn A',
  email: null,
  orgUnit: { id: 'o1', code: 'HN', name: 'Thành Đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'learner', orgUnitId: 'o1', orgUnitCode: 'HN', orgUnitName: 'Thành Đoàn Hà Nội' }],
  permissions: [Permission.CourseStudy, Permission.ExamTake],
  mustChangePassword: false,
};

export const TEST_LOGIN: LoginResponse = { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900, user: TEST_USER };

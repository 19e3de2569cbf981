import { defineErrors } from '@boiduong/api-core';

export const IdentityErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  AUTH_ACCOUNT_LOCKED: {
    status: 423,
    vi: 'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
    en: 'The account is temporarily locked after repeated failed sign-ins. Please retry later.',
  },
  AUTH_ACCOUNT_DISABLED: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  AUTH_REFRESH_INVALID: {
    status: 401,
    vi: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
    en: 'The session has expired, please sign in again.',
  },
  AUTH_REFRESH_REUSED: {
    status: 401,
    vi: 'Phiên đăng nhập đã bị thu hồi vì lý do an toàn, vui lòng đăng nhập lại.',
    en: 'The session was revoked for safety, please sign in again.',
  },
  AUTH_CURRENT_PASSWORD_WRONG: {
    status: 403,
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is wrong.',
  },
  PASSWORD_UNCHANGED: {
    status: 422,
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    en: 'The new password must differ from the current one.',
  },
  ORG_UNIT_CODE_TAKEN: { status: 409, vi: 'Mã đơn vị đã tồn tại.', en: 'The unit code already exists.' },
  ORG_UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị.', en: 'Unit not found.' },
  ORG_UNIT_PARENT_REQUIRED: {
    status: 422,
    vi: 'Đơn vị phải thuộc một đơn vị cấp trên (trừ Trung ương Đoàn).',
    en: 'A unit needs a parent unit (except the central Union).',
  },
  ORG_UNIT_PARENT_CLOSED: {
    status: 422,
    vi: 'Không thể thêm đơn vị vào một đơn vị đã giải thể hoặc sáp nhập.',
    en: 'Cannot add a unit under a closed (dissolved or merged) unit.',
  },
  ORG_UNIT_TYPE_HISTORICAL: {
    status: 422,
    vi: 'Cấp huyện chỉ còn trong hồ sơ lịch sử, không thể tạo mới.',
    en: 'District units exist only in historical records and cannot be created.',
  },
  ORG_UNIT_CYCLE: {
    status: 422,
    vi: 'Không thể đặt một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.',
    en: 'A unit cannot be placed under itself or under one of its own descendants.',
  },
  ORG_UNIT_CLOSED: {
    status: 422,
    vi: 'Đơn vị đã giải thể hoặc sáp nhập, không thể thay đổi.',
    en: 'The unit is closed (dissolved or merged) and cannot change.',
  },
  ORG_UNIT_ROOT_IMMOVABLE: {
    status: 422,
    vi: 'Không thể di chuyển, sáp nhập hay chia tách đơn vị gốc.',
    en: 'The root unit cannot be moved, merged or split.',
  },
  ORG_UNIT_SUCCESSOR_INVALID: {
    status: 422,
    vi: 'Đơn vị kế thừa phải là một đơn vị đang hoạt động (id) hoặc một đơn vị mới (parentId, code, name, type), không được là đơn vị nguồn.',
    en: 'The successor must be either an open unit (id) or a new one (parentId, code, name, type), and not one of the sources.',
  },
  ORG_UNIT_EFFECTIVE_DATE_INVALID: {
    status: 422,
    vi: 'Ngày hiệu lực không được ở tương lai và không được trước ngày thành lập của đơn vị.',
    en: 'The effective date may not be in the future nor before a unit was founded.',
  },
  ORG_UNIT_CHILDREN_UNASSIGNED: {
    status: 422,
    vi: 'Mọi đơn vị trực thuộc còn hoạt động phải được giao cho đúng một đơn vị kế thừa.',
    en: 'Every open child unit must be assigned to exactly one successor.',
  },
  ORG_UNIT_PEOPLE_INVALID: {
    status: 422,
    vi: 'Danh sách người được chuyển chỉ gồm người của đơn vị bị chia tách, mỗi người một lần.',
    en: 'People to move must belong to the split unit, each listed once.',
  },
  IMPORT_INVALID: {
    status: 422,
    vi: 'Tệp nhập có dòng không hợp lệ; chưa có dòng nào được nhập. Sửa các dòng được liệt kê hoặc chỉ nhập các dòng hợp lệ.',
    en: 'The file has invalid rows; nothing was imported. Fix the rows listed or import the valid rows only.',
  },
  IMPORT_FILE_MISSING: {
    status: 400,
    vi: 'Cần gửi một tệp XLSX hoặc CSV (multipart, trường "file").',
    en: 'Send one XLSX or CSV file (multipart, field "file").',
  },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại.', en: 'The username already exists.' },
  EMAIL_TAKEN: { status: 409, vi: 'Email đã được sử dụng.', en: 'The email is already in use.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
  ROLE_OUTSIDE_SCOPE: {
    status: 403,
    vi: 'Bạn chỉ có thể cấp vai trò trong phạm vi đơn vị mình quản lý.',
    en: 'You can only grant roles inside the units you manage.',
  },
  NOTIFICATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thông báo.', en: 'Notification not found.' },
  NOTIFICATION_CURSOR_INVALID: { status: 400, vi: 'Vị trí phân trang không hợp lệ.', en: 'The page cursor is invalid.' },
});

import { defineErrors } from '@boiduong/api-core';

export const QuestionBankErrors = defineErrors({
  ITEM_NOT_FOUND: { status: 404, vi: 'Không tìm thấy câu hỏi.', en: 'Item not found.' },
  ITEM_OWNER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị sở hữu câu hỏi.', en: 'Owner unit not found.' },
  ITEM_KEY_UNKNOWN_OPTION: { status: 422, vi: 'Đáp án không khớp với phương án nào.', en: 'The key matches no option.' },
  ITEM_NO_CORRECT_ANSWER: { status: 422, vi: 'Câu hỏi chưa có đáp án đúng.', en: 'The item has no correct answer.' },
  ITEM_DUPLICATE_OPTIONS: { status: 422, vi: 'Các phương án bị trùng nhau.', en: 'Two options are the same.' },
  ITEM_STEM_TOO_LONG: { status: 422, vi: 'Nội dung câu hỏi quá dài.', en: 'The stem is too long.' },
  ITEM_CONTENT_INVALID: { status: 422, vi: 'Nội dung câu hỏi không hợp lệ.', en: 'The item content is invalid.' },
  ITEM_DUPLICATE: {
    status: 409,
    vi: 'Đơn vị đã có một câu hỏi giống hệt.',
    en: 'The owner unit already has an identical item.',
  },
  ITEM_STATUS_CONFLICT: {
    status: 409,
    vi: 'Trạng thái hiện tại của câu hỏi không cho phép thao tác này.',
    en: 'The item is not in a state that allows this.',
  },
  ITEM_SELF_REVIEW: {
    status: 403,
    vi: 'Người duyệt phải khác tác giả của phiên bản.',
    en: 'The reviewer must not be the author of the version.',
  },
  ITEM_IMPORT_UNREADABLE: {
    status: 422,
    vi: 'Không đọc được tệp nhập.',
    en: 'The import file cannot be read.',
  },
});

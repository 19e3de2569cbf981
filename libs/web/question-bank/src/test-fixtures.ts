import type { ItemSummary, ItemVersionView } from '@boiduong/shared-contracts';

/** Bank items as the api answers them, written by the lecturer `u-gv`; for specs only, not exported from the public API. */
export function version(over: Partial<ItemVersionView> = {}): ItemVersionView {
  return {
    itemId: 'i-1',
    version: 1,
    type: 'single_choice',
    stem: '<p>Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?</p>',
    options: [
      { id: 'a', text: '26/3/1931' },
      { id: 'b', text: '3/2/1930' },
    ],
    key: 'a',
    scoring: {},
    explanation: null,
    topic: 'Lịch sử Đoàn',
    level: 'recognition',
    programIds: [],
    tags: ['lịch sử'],
    estimatedSeconds: null,
    source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
    authorId: 'u-gv',
    contentHash: 'h'.repeat(64),
    usedAt: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    ...over,
  };
}

export function summary(over: Partial<ItemSummary> = {}): ItemSummary {
  return {
    id: 'i-1',
    type: 'single_choice',
    status: 'draft',
    currentVersion: 1,
    approvedVersion: null,
    ownerOrgUnitId: 'o-hn',
    stem: '<p>Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?</p>',
    topic: 'Lịch sử Đoàn',
    level: 'recognition',
    tags: ['lịch sử'],
    externalRef: null,
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...over,
  };
}

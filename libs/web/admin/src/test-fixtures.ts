import type { OrgUnitSummary } from '@boiduong/shared-contracts';

/** The Hà Nội part of the org tree the admin specs show; for specs only, not exported from the public API. */
export function unit(id: string, code: string, name: string, type: OrgUnitSummary['type'], parentId: string | null): OrgUnitSummary {
  return { id, code, name, type, parentId, validFrom: '2025-07-01', validTo: null };
}

export const HANOI = unit('o-hn', 'HNI', 'Thành đoàn Hà Nội', 'province', 'o-tw');
export const BADINH = unit('o-bd', 'HNI-BADINH', 'Đoàn phường Ba Đình', 'commune', 'o-hn');
export const HOANKIEM = unit('o-hk', 'HNI-HOANKIEM', 'Đoàn phường Hoàn Kiếm', 'commune', 'o-hn');
export const BRANCH1 = unit('o-cd1', 'HNI-BADINH-CD1', 'Chi đoàn Tổ dân phố số 1', 'branch', 'o-bd');
export const VISIBLE_UNITS = [HANOI, BADINH, HOANKIEM, BRANCH1];

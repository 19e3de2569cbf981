/** Org unit types as stored and sent over the API (see docs: the Union's tree since July 2025). */
export const ORG_UNIT_TYPES = ['central', 'province', 'bloc', 'commune', 'grassroots', 'branch', 'district'] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

/** Types that may still be created; `district` exists only in records from before 1 July 2025. */
export const CREATABLE_ORG_UNIT_TYPES: readonly OrgUnitType[] = ORG_UNIT_TYPES.filter((t) => t !== 'district');

export interface OrgUnitSummary {
  id: string;
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
}

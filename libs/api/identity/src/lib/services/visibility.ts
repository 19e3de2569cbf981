import type { Principal } from '@boiduong/api-core';
import type { Permission } from '@boiduong/shared-contracts';
import type { OrgUnit } from '../entities';

/** Structural changes (move, merge, split) take this lock exclusively; inserts share it, so no insert reads a path being rewritten. */
export const TREE_LOCK = 727003;

/**
 * Inside a subtree where the principal holds `permission`, or a (closed) predecessor of a unit
 * that is: admins of a successor see the records of what it replaced.
 */
export function canSee(principal: Principal, permission: Permission, unit: Pick<OrgUnit, 'path' | 'heirPaths'>): boolean {
  return principal.can(permission, unit.path) || (unit.heirPaths ?? []).some((p) => principal.can(permission, p));
}

/** The SQL twin of `canSee` for unit alias `u` and an ltree[] parameter of subtree roots (both GiST-indexed). */
export function visibleSql(alias: string, rootsParam: string): string {
  return `(${alias}.path <@ ANY(${rootsParam}) OR ${alias}.heir_paths <@ ANY(${rootsParam}))`;
}

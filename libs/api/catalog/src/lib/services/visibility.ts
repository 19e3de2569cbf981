import { isWithin, type Principal } from '@boiduong/api-core';

/**
 * Catalog visibility: central content is for everyone signed in; a unit's content is for people
 * granted anywhere in that unit's subtree, and for those above it.
 */
export function seesUnit(principal: Principal, unitPath: string, unitType?: string): boolean {
  if (unitType === 'central') return true;
  return principal.grants.some((g) => isWithin(g.path, unitPath) || isWithin(unitPath, g.path));
}

/** Every grant path, for `path <@ ANY(...) OR path @> ANY(...)` filters. */
export function grantPaths(principal: Principal): string[] {
  return [...new Set(principal.grants.map((g) => g.path))];
}

/** TypeORM answers UPDATE/DELETE … RETURNING with `[rows, count]` and other statements with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}

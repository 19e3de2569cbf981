import { permissionsOf, type Permission, type Role } from '@boiduong/shared-contracts';

/** One role as carried in the access token: granted on a unit, valid for its subtree (`path`). */
export interface TokenGrant {
  role: Role;
  unitId: string;
  /** The unit's ltree path, e.g. `a1b2….c3d4…`; a target is inside when its path starts with it. */
  path: string;
}

export interface AccessTokenClaims {
  sub: string;
  username: string;
  grants: TokenGrant[];
}

/**
 * The signed-in user as seen by guards and services. Answers the question every
 * endpoint asks: may this user do P to something that belongs to the unit at `path`?
 */
export class Principal {
  readonly permissions: ReadonlySet<Permission>;
  /** Each grant's permissions, computed once per request rather than on every check. */
  private readonly grantPermissions: ReadonlyArray<ReadonlySet<Permission>>;

  constructor(
    readonly userId: string,
    readonly username: string,
    readonly grants: readonly TokenGrant[],
  ) {
    this.permissions = new Set(permissionsOf(grants.map((g) => g.role)));
    this.grantPermissions = grants.map((g) => new Set(permissionsOf([g.role])));
  }

  /** Has P somewhere (the coarse check the guard makes before the handler runs). */
  hasPermission(permission: Permission): boolean {
    return this.permissions.has(permission);
  }

  /** Has P on a unit inside one of the subtrees the granting roles cover. */
  can(permission: Permission, targetPath: string): boolean {
    return this.grants.some((g, i) => this.grantPermissions[i].has(permission) && isWithin(targetPath, g.path));
  }

  /** The subtree roots where P holds, for filtering list queries (`path <@ ANY(roots)`). */
  rootsFor(permission: Permission): string[] {
    const roots = this.grants.filter((_, i) => this.grantPermissions[i].has(permission)).map((g) => g.path);
    // Drop roots nested inside another root: they add nothing to the filter.
    return roots.filter((r) => !roots.some((other) => other !== r && isWithin(r, other)));
  }
}

/** ltree semantics: `a.b.c` is within `a.b` and within itself, not within `a.bx`. */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`);
}

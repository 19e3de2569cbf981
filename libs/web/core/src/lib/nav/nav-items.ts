import { computed, inject, InjectionToken, Provider, Signal } from '@angular/core';
import type { Permission } from '@boiduong/shared-contracts';
import { SessionStore } from '../session/session.store';

export interface NavItem {
  path: string;
  /** Translation key of the label. */
  labelKey: string;
  /** Shown only when the user holds all of these. */
  permissions?: readonly Permission[];
  /** Shown only when the user holds at least one of these (when given). */
  anyPermissions?: readonly Permission[];
  /** Lower comes first. */
  order?: number;
}

/** Each feature contributes its own entries, so the shell never has to know the features. */
export const NAV_ITEMS = new InjectionToken<readonly NavItem[]>('NAV_ITEMS');

export function provideNavItems(...items: NavItem[]): Provider[] {
  return items.map((item) => ({ provide: NAV_ITEMS, useValue: item, multi: true }));
}

export function filterNavItems(items: readonly NavItem[], granted: ReadonlySet<string>): NavItem[] {
  return items
    .filter((item) => (item.permissions ?? []).every((p) => granted.has(p)))
    .filter((item) => !item.anyPermissions?.length || item.anyPermissions.some((p) => granted.has(p)))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** Call in an injection context. */
export function injectVisibleNavItems(): Signal<NavItem[]> {
  const items = inject(NAV_ITEMS, { optional: true }) ?? [];
  const session = inject(SessionStore);
  return computed(() => filterNavItems(items, session.permissions()));
}

import { HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { OrgUnitSummary, OrgUnitType } from '@boiduong/shared-contracts';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';

export interface CreateOrgUnitRequest {
  parentId: string;
  code: string;
  name: string;
  type: OrgUnitType;
}

/** Units inside the caller's subtree; the API decides what is visible. */
@Injectable({ providedIn: 'root' })
export class OrgUnitsService {
  private readonly api = inject(ApiClient);

  /** Every visible open unit, ordered by depth; with `q`, those whose code or name matches (diacritics ignored). */
  list(q?: string): Observable<OrgUnitSummary[]> {
    const query = q?.trim() ? `?${new HttpParams().set('q', q.trim()).toString()}` : '';
    return this.api.get<OrgUnitSummary[]>(`/org-units${query}`);
  }

  children(id: string): Observable<OrgUnitSummary[]> {
    return this.api.get<OrgUnitSummary[]>(`/org-units/${encodeURIComponent(id)}/children`);
  }

  create(request: CreateOrgUnitRequest): Observable<OrgUnitSummary> {
    return this.api.post<OrgUnitSummary>('/org-units', request);
  }
}

/** The top of what the caller sees: units whose parent is not itself visible. */
export function visibleRoots(units: readonly OrgUnitSummary[]): OrgUnitSummary[] {
  const ids = new Set(units.map((u) => u.id));
  return units.filter((u) => !u.parentId || !ids.has(u.parentId));
}

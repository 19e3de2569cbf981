import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { OrgUnitSummary, OrgUnitType } from '@boiduong/shared-contracts';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';
import type { CadreImportResult } from './admin.models';

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
  private readonly http = inject(HttpClient);

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

  /** Multipart upload of an XLSX or CSV file of units (field `file`); a 422 lists every bad row. */
  importUnits(file: File): Observable<CadreImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.api.post<CadreImportResult>('/imports/org-units', body);
  }

  /** A blob (not a plain link) so the request carries the bearer token. */
  importTemplate(): Observable<Blob> {
    return this.http.get(this.api.url('/imports/org-units/template'), { responseType: 'blob' });
  }
}

/** The top of what the caller sees: units whose parent is not itself visible. */
export function visibleRoots(units: readonly OrgUnitSummary[]): OrgUnitSummary[] {
  const ids = new Set(units.map((u) => u.id));
  return units.filter((u) => !u.parentId || !ids.has(u.parentId));
}

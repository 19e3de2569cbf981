import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';
import type { CadreImportResult, ChangePasswordRequest, CreateUserRequest, UserDetail, UserSummary } from './admin.models';

export interface UserQuery {
  q?: string;
  orgUnitId?: string;
}

@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly api = inject(ApiClient);
  private readonly http = inject(HttpClient);

  /** Name search ignores diacritics on the server ("nguyen van duc" finds "Nguyễn Văn Đức"). */
  list(query: UserQuery = {}): Observable<UserSummary[]> {
    let params = new HttpParams();
    if (query.q?.trim()) params = params.set('q', query.q.trim());
    if (query.orgUnitId) params = params.set('orgUnitId', query.orgUnitId);
    const search = params.toString();
    return this.api.get<UserSummary[]>(`/users${search ? `?${search}` : ''}`);
  }

  get(id: string): Observable<UserDetail> {
    return this.api.get<UserDetail>(`/users/${encodeURIComponent(id)}`);
  }

  create(request: CreateUserRequest): Observable<UserDetail> {
    return this.api.post<UserDetail>('/users', request);
  }

  /** Multipart upload of an XLSX or CSV file (field `file`). */
  importCadres(file: File): Observable<CadreImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.api.post<CadreImportResult>('/imports/cadres', body);
  }

  /** A blob (not a plain link) so the request carries the bearer token. */
  cadreTemplate(): Observable<Blob> {
    return this.http.get(this.api.url('/imports/cadres/template'), { responseType: 'blob' });
  }

  changeOwnPassword(request: ChangePasswordRequest): Observable<void> {
    return this.api.post<void>('/me/password', request);
  }
}

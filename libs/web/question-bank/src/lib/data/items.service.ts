import { HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CognitiveLevel,
  ImportReport,
  ItemImportFormat,
  ItemStatus,
  ItemSummary,
  ItemType,
  ItemVersionView,
  ItemWriteResult,
  ReviewComment,
} from '@boiduong/shared-contracts';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';
import type { ItemRequest } from '../editor/item-draft';

export interface ItemFilters {
  q?: string;
  status?: ItemStatus | '';
  type?: ItemType | '';
  level?: CognitiveLevel | '';
  topic?: string;
  tag?: string;
  limit?: number;
  offset?: number;
}

/** `GET /items/:id`: the summary and its current version. */
export type ItemDetail = ItemSummary & { current: ItemVersionView };

export type ReviewAction = 'submit-review' | 'approve' | 'reject' | 'retire';

@Injectable({ providedIn: 'root' })
export class ItemsService {
  private readonly api = inject(ApiClient);

  /** Stem words are matched by the server without regard to case or diacritics. */
  list(filters: ItemFilters = {}): Observable<ItemSummary[]> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(filters)) {
      const text = typeof value === 'string' ? value.trim() : value;
      if (text !== undefined && text !== '') params = params.set(name, String(text));
    }
    const search = params.toString();
    return this.api.get<ItemSummary[]>(`/items${search ? `?${search}` : ''}`);
  }

  get(id: string): Observable<ItemDetail> {
    return this.api.get<ItemDetail>(`/items/${encodeURIComponent(id)}`);
  }

  versions(id: string): Observable<ItemVersionView[]> {
    return this.api.get<ItemVersionView[]>(`/items/${encodeURIComponent(id)}/versions`);
  }

  comments(id: string): Observable<ReviewComment[]> {
    return this.api.get<ReviewComment[]>(`/items/${encodeURIComponent(id)}/comments`);
  }

  create(request: ItemRequest): Observable<ItemWriteResult> {
    return this.api.post<ItemWriteResult>('/items', request);
  }

  /** An approved or used version is never changed: the API answers with the next version. */
  update(id: string, request: Omit<ItemRequest, 'type'>): Observable<ItemWriteResult> {
    return this.api.patch<ItemWriteResult>(`/items/${encodeURIComponent(id)}`, request);
  }

  review(id: string, action: ReviewAction, comment: string): Observable<ItemWriteResult> {
    const body = comment.trim() ? { comment: comment.trim() } : {};
    return this.api.post<ItemWriteResult>(`/items/${encodeURIComponent(id)}/${action}`, body);
  }

  addComment(id: string, body: string): Observable<ReviewComment> {
    return this.api.post<ReviewComment>(`/items/${encodeURIComponent(id)}/comments`, { body: body.trim() });
  }

  /**
   * Multipart upload (field `file`). A dry run writes nothing and lists every valid item with
   * what would happen to it; `valid-only` imports the valid items of a file with bad entries.
   */
  import(file: File, format: ItemImportFormat, options: { dryRun: boolean; mode: 'all' | 'valid-only' }): Observable<ImportReport> {
    const body = new FormData();
    body.append('file', file, file.name);
    const params = new HttpParams().set('format', format).set('mode', options.mode).set('dryRun', String(options.dryRun));
    return this.api.post<ImportReport>(`/items/import?${params.toString()}`, body);
  }
}

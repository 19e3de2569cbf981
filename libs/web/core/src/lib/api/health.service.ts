import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { HealthResponse } from '@boiduong/shared-contracts';
import { catchError, Observable, of, throwError } from 'rxjs';
import { ApiClient } from './api-client';

function isHealthBody(body: unknown): body is HealthResponse {
  return typeof body === 'object' && body !== null && 'status' in body && Array.isArray((body as HealthResponse).down);
}

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly api = inject(ApiClient);

  /** A 503 still carries a health report (which components are down): treat it as an answer, not a failure. */
  check(): Observable<HealthResponse> {
    return this.api.get<HealthResponse>('/health').pipe(
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 503 && isHealthBody(error.error)
          ? of(error.error)
          : throwError(() => error),
      ),
    );
  }
}

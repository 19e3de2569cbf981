import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ArtworkKind,
  CandidateDecisionResult,
  CandidateStatus,
  CertificateCandidateView,
  CertificateEntry,
  CertificateIssuerSettings,
  CertificateVerification,
  IssuanceMode,
  IssuerArtworkView,
  OrgUnitSummary,
  RevocationReason,
  TitleEligibilityBatch,
} from '@boiduong/shared-contracts';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';

/** What the admin's issue form sends (`POST /certificates`); see the api's IssueCertificateInput. */
export interface IssueRequest {
  issuerUnitId: string;
  learner: { userId: string; fullName: string; dateOfBirth: string | null };
  program: { code: string; name: string; titles?: string[] };
  course: { id: string; startsOn: string; endsOn: string };
  result?: string | null;
  completion: { attendanceShare: number | null; assessments: Array<{ code: string; required: boolean; scorePercent: number | null }>; rulesKept: boolean };
  signer: { name: string; title: string };
  issuedPlace: string;
  issuedOn?: string;
  reissue?: { ofCertificateId: string; note: string };
}

/** The part of `GET /users` the issue form needs. */
export interface UserChoice {
  id: string;
  username: string;
  fullName: string;
  dateOfBirth?: string | null;
}

/** The part of `GET /programs` the issuer settings need: which programs a unit owns. */
export interface ProgramChoice {
  id: string;
  code: string;
  name: string;
  ownerOrgUnitId: string;
}

export interface RevokeRequest {
  reason: RevocationReason;
  decisionNumber: string;
  decidedOn: string;
  note?: string;
}

/** Every certificate endpoint the screens use; files come as blobs so the request carries the token. */
@Injectable({ providedIn: 'root' })
export class CertificatesService {
  private readonly api = inject(ApiClient);
  private readonly http = inject(HttpClient);

  mine(): Observable<CertificateEntry[]> {
    return this.api.get<CertificateEntry[]>('/me/certificates');
  }

  book(issuerId: string, year: number): Observable<CertificateEntry[]> {
    return this.api.get<CertificateEntry[]>(`/certificates?issuerId=${encodeURIComponent(issuerId)}&year=${year}`);
  }

  issuers(): Observable<OrgUnitSummary[]> {
    return this.api.get<OrgUnitSummary[]>('/org-units');
  }

  /** People the admin may issue to (`GET /users?q=`). */
  searchUsers(q: string): Observable<UserChoice[]> {
    return this.api.get<UserChoice[]>(`/users?q=${encodeURIComponent(q)}`);
  }

  /** Everyone of a unit and its subtree (`GET /users?orgUnitId=`, the first 200 by name). */
  usersOfUnit(orgUnitId: string): Observable<UserChoice[]> {
    return this.api.get<UserChoice[]>(`/users?orgUnitId=${encodeURIComponent(orgUnitId)}`);
  }

  /** "Who of these may be nominated for the title on that date?" (`POST /eligibility/check`). */
  checkEligibility(title: string, on: string, userIds: string[]): Observable<TitleEligibilityBatch> {
    return this.api.post<TitleEligibilityBatch>('/eligibility/check', { title, on, userIds });
  }

  issue(request: IssueRequest): Observable<CertificateEntry> {
    return this.api.post<CertificateEntry>('/certificates', request);
  }

  revoke(id: string, request: RevokeRequest): Observable<CertificateEntry> {
    return this.api.post<CertificateEntry>(`/certificates/${id}/revoke`, request);
  }

  /** The approval list of automatic issuance (`GET /certificates/candidates?status=`). */
  candidates(status: CandidateStatus): Observable<CertificateCandidateView[]> {
    return this.api.get<CertificateCandidateView[]>(`/certificates/candidates?status=${status}`);
  }

  approveCandidates(ids: string[]): Observable<CandidateDecisionResult> {
    return this.api.post<CandidateDecisionResult>('/certificates/candidates/approve', { ids });
  }

  refuseCandidates(ids: string[], reason: string): Observable<CandidateDecisionResult> {
    return this.api.post<CandidateDecisionResult>('/certificates/candidates/refuse', { ids, reason });
  }

  /** The registry book of one issuer and year as a file: XLSX to work with, PDF to print and file. */
  bookFile(issuerId: string, year: number, format: 'xlsx' | 'pdf'): Observable<Blob> {
    return this.http.get(this.api.url(`/certificates/book.${format}`), { params: { issuerId, year }, responseType: 'blob' });
  }

  pdf(id: string): Observable<Blob> {
    return this.http.get(this.api.url(`/certificates/${id}/pdf`), { responseType: 'blob' });
  }

  credential(id: string): Observable<Blob> {
    return this.http.get(this.api.url(`/certificates/${id}/credential`), { responseType: 'blob' });
  }

  /** The unit's signer and place; `signerName: null` when none is set yet. */
  issuerSettings(unitId: string): Observable<CertificateIssuerSettings | { unitId: string; signerName: null }> {
    return this.api.get(`/certificates/issuers/${unitId}`);
  }

  saveIssuerSettings(unitId: string, settings: Omit<CertificateIssuerSettings, 'unitId'>): Observable<CertificateIssuerSettings> {
    return this.api.put<CertificateIssuerSettings>(`/certificates/issuers/${unitId}`, settings);
  }

  artwork(unitId: string): Observable<IssuerArtworkView> {
    return this.api.get<IssuerArtworkView>(`/certificates/issuers/${unitId}/artwork`);
  }

  /** The current image itself, as a blob so the request carries the token. */
  artworkImage(unitId: string, kind: ArtworkKind): Observable<Blob> {
    return this.http.get(this.api.url(`/certificates/issuers/${unitId}/artwork/${kind}`), { responseType: 'blob' });
  }

  uploadArtwork(unitId: string, kind: ArtworkKind, file: File): Observable<IssuerArtworkView> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.api.put<IssuerArtworkView>(`/certificates/issuers/${unitId}/artwork/${kind}`, form);
  }

  removeArtwork(unitId: string, kind: ArtworkKind): Observable<IssuerArtworkView> {
    return this.api.delete<IssuerArtworkView>(`/certificates/issuers/${unitId}/artwork/${kind}`);
  }

  programs(): Observable<ProgramChoice[]> {
    return this.api.get<ProgramChoice[]>('/programs');
  }

  programPolicy(programId: string): Observable<{ programId: string; issuanceMode: IssuanceMode }> {
    return this.api.get(`/certificates/programs/${programId}/policy`);
  }

  setProgramPolicy(programId: string, issuanceMode: IssuanceMode): Observable<{ programId: string; issuanceMode: IssuanceMode }> {
    return this.api.put(`/certificates/programs/${programId}/policy`, { issuanceMode });
  }

  /** Public: no login needed (`GET /public/certificates/:code`). */
  verify(code: string): Observable<CertificateVerification> {
    return this.api.get<CertificateVerification>(`/public/certificates/${encodeURIComponent(code)}`);
  }
}

/** Saves a blob under a file name through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A pasted verify link or a bare code: the code is the last path segment. */
export function codeFrom(input: string): string {
  const trimmed = input.trim();
  const last = trimmed.split(/[/?#]/).filter(Boolean);
  const match = trimmed.match(/\/verify\/([A-Za-z0-9_-]+)/);
  return match ? match[1] : (last[last.length - 1] ?? '');
}

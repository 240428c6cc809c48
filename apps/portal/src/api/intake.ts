import type {
  AccessLog,
  AssignReferent,
  AuditTrail,
  CandidateStatus,
  CaseDetail,
  CasePage,
  CaseStatistics,
  CaseStatus,
  CandidateDataExport,
  Comment,
  CommentList,
  ErasureReceipt,
  InfoRequest,
  InfoRequestCreate,
  InstallationRequest,
  InstallationRequestDraft,
  InstallationRequestPage,
  OpenDataStatistics,
  ProposalDigest,
  Specialty,
  Zone,
} from '@guichet/contracts';
import { newIdempotencyKey } from './http.js';
import type { HttpClient } from './http.js';

export type QueueSort = 'submittedAt' | '-submittedAt' | 'dueDate' | '-dueDate' | 'ageDays' | '-ageDays' | 'status' | '-status';

export interface QueueFilters {
  status?: CaseStatus[];
  departement?: string;
  zone?: Zone;
  specialty?: Specialty;
  candidateStatus?: CandidateStatus;
  referent?: string;
  overdue?: boolean;
  sort?: QueueSort;
  limit?: number;
  cursor?: string;
}

/** Candidate routes of the intake service (contracts/openapi/intake.yaml, tag candidat). */
export function candidateApi(http: HttpClient) {
  return {
    listMine: () => http<InstallationRequestPage>('/v1/requests', { query: { limit: 50 } }),
    createOrResume: (initial: InstallationRequestDraft, idempotencyKey = newIdempotencyKey()) =>
      http<InstallationRequest>('/v1/requests', { method: 'POST', body: initial, idempotencyKey }),
    get: (id: string) => http<InstallationRequest>(`/v1/requests/${id}`),
    update: (id: string, version: number, data: InstallationRequestDraft) =>
      http<InstallationRequest>(`/v1/requests/${id}`, { method: 'PUT', body: data, ifMatch: version }),
    submit: (id: string, version: number) => http<InstallationRequest>(`/v1/requests/${id}/submit`, { method: 'POST', ifMatch: version }),
    withdraw: (id: string, version: number, reason: string) =>
      http<InstallationRequest>(`/v1/requests/${id}/withdraw`, { method: 'POST', ifMatch: version, body: reason ? { reason } : {} }),
    proposals: (id: string) => http<ProposalDigest>(`/v1/requests/${id}/proposals`),
    accept: (id: string, version: number, proposalSetId: string, bundleId: string) =>
      http<InstallationRequest>(`/v1/requests/${id}/proposals/accept`, {
        method: 'POST',
        ifMatch: version,
        idempotencyKey: newIdempotencyKey(),
        body: { proposalSetId, bundleId },
      }),
    decline: (id: string, version: number, proposalSetId: string, reason: string) =>
      http<InstallationRequest>(`/v1/requests/${id}/proposals/decline`, { method: 'POST', ifMatch: version, body: { proposalSetId, reason } }),
    infoRequests: (id: string) => http<InfoRequest[]>(`/v1/requests/${id}/info-requests`),
    answerInfoRequest: (id: string, infoRequestId: string, answer: string) =>
      http<InfoRequest>(`/v1/requests/${id}/info-requests/${infoRequestId}/answer`, {
        method: 'POST',
        idempotencyKey: newIdempotencyKey(),
        body: { answer },
      }),
    accessLog: (id: string) => http<AccessLog>(`/v1/requests/${id}/access-log`),
    exportMyData: () => http<CandidateDataExport>('/v1/me/export'),
    eraseMyData: () => http<ErasureReceipt>('/v1/me/erasure', { method: 'POST', idempotencyKey: newIdempotencyKey() }),
  };
}

/** Caseworker routes of the intake service (tag instructeur). */
export function caseworkerApi(http: HttpClient) {
  return {
    queue: (filters: QueueFilters) => http<CasePage>('/v1/cases', { query: { ...filters } }),
    detail: (id: string) => http<CaseDetail>(`/v1/cases/${id}`),
    assignReferent: (id: string, version: number, body: AssignReferent) =>
      http<InstallationRequest>(`/v1/cases/${id}/referent`, { method: 'PUT', ifMatch: version, body }),
    changeStatus: (id: string, version: number, to: CaseStatus, reason: string) =>
      http<InstallationRequest>(`/v1/cases/${id}/status`, { method: 'POST', ifMatch: version, body: { to, reason } }),
    comments: (id: string) => http<CommentList>(`/v1/cases/${id}/comments`),
    addComment: (id: string, text: string) =>
      http<Comment>(`/v1/cases/${id}/comments`, { method: 'POST', idempotencyKey: newIdempotencyKey(), body: { text } }),
    requestInformation: (id: string, version: number, body: InfoRequestCreate) =>
      http<InfoRequest>(`/v1/cases/${id}/info-requests`, {
        method: 'POST',
        ifMatch: version,
        idempotencyKey: newIdempotencyKey(),
        body,
      }),
    audit: (id: string) => http<AuditTrail>(`/v1/cases/${id}/audit`),
    statistics: (from: string, to: string) => http<CaseStatistics>('/v1/statistics', { query: { from, to } }),
    openData: (from: string, to: string) => http<OpenDataStatistics>('/v1/statistics/open-data', { query: { from, to } }),
    openDataCsv: (from: string, to: string) => http<string>('/v1/statistics/open-data', { query: { from, to, format: 'csv' }, text: true }),
  };
}

export type CandidateApi = ReturnType<typeof candidateApi>;
export type CaseworkerApi = ReturnType<typeof caseworkerApi>;

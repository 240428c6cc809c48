import type {
  EligibilityResult,
  EligibilitySimulationRequest,
  ImportReport,
  Offer,
  OfferInput,
  OfferKind,
  OfferPage,
  OfferStatus,
  ProposalSet,
  ZoningHistory,
} from '@guichet/contracts';
import { newIdempotencyKey } from './http.js';
import type { HttpClient } from './http.js';

export interface OfferFilters {
  kind?: OfferKind;
  status?: OfferStatus;
  departement?: string;
  mine?: boolean;
  cursor?: string;
  limit?: number;
}

/** Routes of the matching service (contracts/openapi/matching.yaml). */
export function matchingApi(http: HttpClient) {
  return {
    simulate: (request: EligibilitySimulationRequest) => http<EligibilityResult>('/v1/simulations', { method: 'POST', body: request }),
    offers: (filters: OfferFilters) => http<OfferPage>('/v1/offers', { query: { ...filters } }),
    offer: (id: string) => http<Offer>(`/v1/offers/${id}`),
    zoning: (communeCode: string) => http<ZoningHistory>(`/v1/zoning/communes/${communeCode}`),
    publish: (input: OfferInput) => http<Offer>('/v1/offers', { method: 'POST', body: input, idempotencyKey: newIdempotencyKey() }),
    withdraw: (id: string, version: number) => http<Offer>(`/v1/offers/${id}`, { method: 'DELETE', ifMatch: version }),
    importCsv: (kind: OfferKind, csv: string) =>
      http<ImportReport>('/v1/offers/import', {
        method: 'POST',
        query: { kind },
        rawBody: { text: csv, contentType: 'text/csv' },
        idempotencyKey: newIdempotencyKey(),
      }),
    proposalsForCase: (requestId: string) => http<ProposalSet>(`/v1/proposals/${requestId}`),
  };
}

export type MatchingApi = ReturnType<typeof matchingApi>;

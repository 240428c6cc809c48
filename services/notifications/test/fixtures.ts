import { randomUUID } from 'node:crypto';
import type { Consents, EventOf, InstallationRequestComplete, ProposalsComputed, Territory } from '@guichet/contracts';

// Case events as intake and matching publish them: the most complete shape the contracts allow,
// so a test sees every field a stakeholder could possibly be sent.

export const CHINON = '37072';
export const TOURS = '37261';
export const BLOIS = '41018';

export const territory37 = (): Territory => ({ regions: ['24'], departements: ['37'], communes: [CHINON] });

export const allConsents: Consents = { ars: true, cpam: true, ordre: true, collectivites: true };
export const noConsent: Consents = { ars: false, cpam: false, ordre: false, collectivites: false };

export interface CaseIds {
  requestId: string;
  proposalSetId: string;
  bundleId: string;
  premisesOfferId: string;
  housingOfferId: string;
  jobOfferId: string;
}

export const newCaseIds = (): CaseIds => ({
  requestId: randomUUID(),
  proposalSetId: randomUUID(),
  bundleId: randomUUID(),
  premisesOfferId: randomUUID(),
  housingOfferId: randomUUID(),
  jobOfferId: randomUUID(),
});

export function completeRequest(consents: Consents = allConsents, email = 'lea.martin@example.org'): InstallationRequestComplete {
  return {
    identity: { firstName: 'Léa', lastName: 'Martin' },
    contact: { email, phone: '06 12 34 56 78', homeCommuneCode: TOURS },
    status: 'junior-doctor',
    specialty: 'medecine-generale',
    faculty: 'Université de Tours, UFR de médecine',
    rpps: '10001234565',
    internship: { communeCode: TOURS, hospitalName: 'CHU de Tours', chuCommuneCode: TOURS, startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: true },
    targets: { communes: [CHINON], departements: ['37'], radiusKm: 30 },
    desiredInstallationDate: '2027-05-01',
    practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
    needs: {
      premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-05-01' },
      housing: { from: '2026-11-02', until: '2027-04-30', maxMonthlyRent: { amountCents: 40000, currency: 'EUR' }, people: 2 },
      spouseJob: { profession: 'education-enseignement', employmentSector: 'public', workingTime: 'full-time', maxCommuteKm: 30 },
    },
    aids: { interested: true, schemeIds: ['cesp'], comment: 'Intéressée par le CESP.' },
    previousAids: [{ category: 'internship-allowance', funder: 'departement', receivedOn: '2025-05-01', schemeId: 'bourse-stage-indre-et-loire' }],
    consents,
    notes: 'Ma conjointe est professeure des écoles.',
  };
}

export type SubmittedEvent = EventOf<'fr.sante.guichet.intake.request-submitted.v1'>;

export const requestSubmitted = (ids: CaseIds, request = completeRequest()): SubmittedEvent => ({
  type: 'fr.sante.guichet.intake.request-submitted.v1',
  data: { requestId: ids.requestId, candidateId: 'candidate-1', version: 3, submittedAt: '2026-10-06T10:12:00Z', territory: territory37(), request },
});

export const requestUpdated = (ids: CaseIds, request = completeRequest()): EventOf<'fr.sante.guichet.intake.request-updated.v1'> => ({
  type: 'fr.sante.guichet.intake.request-updated.v1',
  data: {
    requestId: ids.requestId,
    candidateId: 'candidate-1',
    version: 4,
    updatedAt: '2026-10-07T10:12:00Z',
    territory: territory37(),
    changedFields: ['internship.startDate'],
    request,
  },
});

export const statusChanged = (
  ids: CaseIds,
  from: EventOf<'fr.sante.guichet.intake.request-status-changed.v1'>['data']['from'],
  to: EventOf<'fr.sante.guichet.intake.request-status-changed.v1'>['data']['to'],
): EventOf<'fr.sante.guichet.intake.request-status-changed.v1'> => ({
  type: 'fr.sante.guichet.intake.request-status-changed.v1',
  data: {
    requestId: ids.requestId,
    candidateId: 'candidate-1',
    version: 5,
    from,
    to,
    actor: { kind: 'caseworker-ars', id: 'ars.cvl' },
    changedAt: '2026-10-08T14:05:00Z',
    territory: territory37(),
    ...(to === 'awaiting_candidate'
      ? {
          reason: 'Dates de stage à préciser.',
          infoRequest: { id: randomUUID(), question: 'Merci de préciser les dates de votre stage.', dueDate: '2026-10-20' },
        }
      : {}),
  },
});

const aid = (schemeId: string, funder: 'assurance-maladie' | 'departement' | 'state' | 'commune', status: 'eligible' | 'needs-information', amountCents: number | null) => ({
  schemeId,
  schemeName: `Dispositif ${schemeId}`,
  funder,
  status,
  amount: { estimated: amountCents === null ? null : { amountCents, currency: 'EUR' as const }, basis: 'exact' as const, months: null, message: 'Montant forfaitaire.' },
  failing: status === 'eligible' ? [] : [{ criterion: 'audience' as const, code: 'audience-unknown', outcome: 'unknown' as const, message: 'Situation à préciser.' }],
});

export const proposalsComputed = (ids: CaseIds): EventOf<'fr.sante.guichet.matching.proposals-computed.v1'> => ({
  type: 'fr.sante.guichet.matching.proposals-computed.v1',
  data: {
    proposalSetId: ids.proposalSetId,
    requestId: ids.requestId,
    requestVersion: 3,
    computedAt: '2026-10-09T10:12:05Z',
    trigger: 'request-submitted',
    bundles: [
      {
        id: ids.bundleId,
        rank: 1,
        communeCode: CHINON,
        zone: 'zip',
        premisesOfferId: ids.premisesOfferId,
        housingOfferId: ids.housingOfferId,
        jobOfferId: ids.jobOfferId,
        distancesKm: { practiceToTarget: 0, housingToInternship: 1.2, jobToPractice: 4.5 },
        score: { total: 87.5, terms: [{ code: 'distance-to-target', label: 'Distance à la commune souhaitée', weight: 0.4, value: 1, contribution: 40 }] },
        explanation: 'Local en MSP à Chinon (ZIP), logement à 1,2 km du lieu de stage.',
        aids: [
          aid('aide-primo-installation-zip', 'assurance-maladie', 'eligible', 1000000),
          aid('aide-installation-indre-et-loire', 'departement', 'eligible', 1500000),
          aid('cesp', 'state', 'needs-information', null),
        ],
        aidsNotOpen: 1,
        bestCombination: { schemeIds: ['aide-primo-installation-zip', 'aide-installation-indre-et-loire'], total: { amountCents: 2500000, currency: 'EUR' } },
      },
    ],
  },
});

export const bundleAccepted = (ids: CaseIds): EventOf<'fr.sante.guichet.intake.bundle-accepted.v1'> => ({
  type: 'fr.sante.guichet.intake.bundle-accepted.v1',
  data: {
    requestId: ids.requestId,
    candidateId: 'candidate-1',
    version: 7,
    proposalSetId: ids.proposalSetId,
    bundleId: ids.bundleId,
    offerIds: [ids.premisesOfferId, ids.housingOfferId, ids.jobOfferId],
    acceptedAt: '2026-10-15T18:00:00Z',
    territory: territory37(),
  },
});

export const reservationConfirmed = (ids: CaseIds): EventOf<'fr.sante.guichet.matching.reservation-confirmed.v1'> => ({
  type: 'fr.sante.guichet.matching.reservation-confirmed.v1',
  data: {
    requestId: ids.requestId,
    proposalSetId: ids.proposalSetId,
    bundleId: ids.bundleId,
    reservationId: randomUUID(),
    offerIds: [ids.premisesOfferId, ids.housingOfferId, ids.jobOfferId],
    confirmedAt: '2026-10-15T18:00:02Z',
  },
});

export const reservationRejected = (ids: CaseIds): EventOf<'fr.sante.guichet.matching.reservation-rejected.v1'> => ({
  type: 'fr.sante.guichet.matching.reservation-rejected.v1',
  data: {
    requestId: ids.requestId,
    proposalSetId: ids.proposalSetId,
    bundleId: ids.bundleId,
    unavailableOfferIds: [ids.housingOfferId],
    releasedOfferIds: [ids.premisesOfferId, ids.jobOfferId],
    reason: 'Le logement a été attribué à un autre candidat entre-temps.',
    rejectedAt: '2026-10-15T18:00:02Z',
  },
});

export const requestWithdrawn = (ids: CaseIds): EventOf<'fr.sante.guichet.intake.request-withdrawn.v1'> => ({
  type: 'fr.sante.guichet.intake.request-withdrawn.v1',
  data: { requestId: ids.requestId, candidateId: 'candidate-1', version: 8, withdrawnAt: '2026-10-20T09:00:00Z', territory: territory37() },
});

export const requestErased = (ids: CaseIds): EventOf<'fr.sante.guichet.intake.request-erased.v1'> => ({
  type: 'fr.sante.guichet.intake.request-erased.v1',
  data: { requestId: ids.requestId, erasedAt: '2026-12-01T10:00:00Z' },
});

export const offerPlaces = (ids: CaseIds) =>
  new Map([
    [ids.premisesOfferId, { kind: 'premises' as const, communeCode: CHINON }],
    [ids.housingOfferId, { kind: 'housing' as const, communeCode: TOURS }],
    [ids.jobOfferId, { kind: 'job' as const, communeCode: CHINON }],
  ]);

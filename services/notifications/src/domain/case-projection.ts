import type {
  AidFunder,
  CandidateStatus,
  CaseStatus,
  Consents,
  DepartementCode,
  EventOnTopic,
  InseeCommuneCode,
  IsoDate,
  Money,
  PracticeMode,
  ProposalsComputed,
  RppsNumber,
  Sector,
  Slug,
  Specialty,
  Territory,
  VerdictStatus,
  Zone,
} from '@guichet/contracts';
import type { Stakeholder } from './stakeholders.js';

/** The facts of a case this service projects: intake's lifecycle and matching's proposals. */
export type CaseEvent = EventOnTopic<'intake.requests.v1'> | EventOnTopic<'matching.proposals.v1'>;

/** A received event with its CloudEvents id, the key of idempotence and of derived ids. */
export interface SourceEvent {
  id: string;
  event: CaseEvent;
}

export interface CasePerson {
  firstName: string;
  lastName: string;
  rpps?: RppsNumber;
  email: string;
  phone?: string;
}

/** What the request says that some stakeholder may need; spouse, notes, home and faculty are never kept. */
export interface CaseProfile {
  candidateStatus: CandidateStatus;
  specialty: Specialty;
  targetCommunes: InseeCommuneCode[];
  targetDepartements: DepartementCode[];
  desiredInstallationDate: IsoDate;
  practiceMode: PracticeMode;
  sector: Sector;
  coordinatedPractice?: boolean;
  aidsRequested: Slug[];
  premises?: { surfaceM2Min: number; surfaceM2Max?: number; maxMonthlyRent: Money; availableFrom: IsoDate };
  housing?: { from: IsoDate; until: IsoDate; people: number; maxMonthlyRent: Money };
  internship?: { communeCode: InseeCommuneCode; startDate: IsoDate; endDate: IsoDate };
  /** A job is sought for the spouse (what the request concerns; the spouse's profile is never kept). */
  spouseJob?: true;
}

export interface AidVerdictSummary {
  schemeId: Slug;
  status: VerdictStatus;
  funder: AidFunder;
  estimated?: Money;
}

export interface BundleSummary {
  id: string;
  communeCode: InseeCommuneCode;
  /** Absent when no zoning order covers the commune (unknown, not « hors zonage »). */
  zone?: Zone;
  premisesOfferId?: string;
  housingOfferId?: string;
  jobOfferId?: string;
  /** Aids the bundle opens (eligible or pending information); refused ones are not proposals. */
  aids: AidVerdictSummary[];
  recommendedAidIds: Slug[];
}

/** Who received the identity (or contact), and under which territory, so `request-erased` reaches them. */
export interface IdentityRecipient {
  stakeholder: Stakeholder;
  territory: Territory;
}

export interface CaseProjection {
  requestId: string;
  territory?: Territory;
  status?: CaseStatus;
  consents?: Consents;
  person?: CasePerson;
  profile?: CaseProfile;
  bundles: BundleSummary[];
  accepted?: { bundleId: string; offerIds: string[] };
  /** Territories of the local authorities that received something about this case. */
  collectivitesReach: Territory[];
  identityRecipients: IdentityRecipient[];
  erased: boolean;
  /** Matching's facts received before intake's first event: projected right after it, in order. */
  deferred: SourceEvent[];
}

export const emptyCase = (requestId: string): CaseProjection => ({
  requestId,
  bundles: [],
  collectivitesReach: [],
  identityRecipients: [],
  erased: false,
  deferred: [],
});

type RequestData = EventOnTopic<'intake.requests.v1'> & { type: 'fr.sante.guichet.intake.request-submitted.v1' };

function profileOf(request: RequestData['data']['request']): CaseProfile {
  const { practice, needs, targets, internship } = request;
  const profile: CaseProfile = {
    candidateStatus: request.status,
    specialty: request.specialty,
    targetCommunes: targets.communes ?? [],
    targetDepartements: targets.departements ?? [],
    desiredInstallationDate: request.desiredInstallationDate,
    practiceMode: practice.mode,
    sector: practice.sector,
    aidsRequested: request.aids.schemeIds ?? [],
  };
  if (practice.coordinatedPractice !== undefined) profile.coordinatedPractice = practice.coordinatedPractice;
  if (needs.premises) {
    const { surfaceM2Min, surfaceM2Max, maxMonthlyRent, availableFrom } = needs.premises;
    profile.premises = { surfaceM2Min, maxMonthlyRent, availableFrom, ...(surfaceM2Max === undefined ? {} : { surfaceM2Max }) };
  }
  if (needs.housing) {
    const { from, until, people, maxMonthlyRent } = needs.housing;
    profile.housing = { from, until, people, maxMonthlyRent };
  }
  if (internship) profile.internship = { communeCode: internship.communeCode, startDate: internship.startDate, endDate: internship.endDate };
  if (needs.spouseJob) profile.spouseJob = true;
  return profile;
}

function personOf(request: RequestData['data']['request']): CasePerson {
  const person: CasePerson = { firstName: request.identity.firstName, lastName: request.identity.lastName, email: request.contact.email };
  if (request.rpps !== undefined) person.rpps = request.rpps;
  if (request.contact.phone !== undefined) person.phone = request.contact.phone;
  return person;
}

function bundlesOf(proposals: ProposalsComputed): BundleSummary[] {
  return proposals.bundles.map((bundle) => {
    const summary: BundleSummary = {
      id: bundle.id,
      communeCode: bundle.communeCode,
      ...(bundle.zone ? { zone: bundle.zone } : {}),
      aids: bundle.aids.map((aid) => ({
        schemeId: aid.schemeId,
        status: aid.status,
        funder: aid.funder,
        ...(aid.amount.estimated ? { estimated: aid.amount.estimated } : {}),
      })),
      recommendedAidIds: bundle.bestCombination.schemeIds,
    };
    if (bundle.premisesOfferId) summary.premisesOfferId = bundle.premisesOfferId;
    if (bundle.housingOfferId) summary.housingOfferId = bundle.housingOfferId;
    if (bundle.jobOfferId) summary.jobOfferId = bundle.jobOfferId;
    return summary;
  });
}

/** Personal data is dropped; who received the identity stays, so the erasure can be forwarded. */
function erase(state: CaseProjection): CaseProjection {
  const { requestId, territory, identityRecipients, collectivitesReach } = state;
  return { ...emptyCase(requestId), ...(territory ? { territory } : {}), identityRecipients, collectivitesReach, erased: true };
}

export function evolve(state: CaseProjection, { event }: SourceEvent): CaseProjection {
  switch (event.type) {
    case 'fr.sante.guichet.intake.request-submitted.v1':
      return {
        ...state,
        territory: event.data.territory,
        status: 'submitted',
        consents: event.data.request.consents,
        person: personOf(event.data.request),
        profile: profileOf(event.data.request),
      };
    case 'fr.sante.guichet.intake.request-updated.v1':
      return {
        ...state,
        territory: event.data.territory,
        consents: event.data.request.consents,
        person: personOf(event.data.request),
        profile: profileOf(event.data.request),
      };
    case 'fr.sante.guichet.intake.request-status-changed.v1':
      return { ...state, territory: event.data.territory, status: event.data.to };
    case 'fr.sante.guichet.intake.bundle-accepted.v1':
      return { ...state, territory: event.data.territory, status: 'accepted', accepted: { bundleId: event.data.bundleId, offerIds: event.data.offerIds } };
    case 'fr.sante.guichet.intake.proposals-declined.v1':
      return { ...state, territory: event.data.territory };
    case 'fr.sante.guichet.intake.request-withdrawn.v1':
      return { ...state, territory: event.data.territory, status: 'withdrawn' };
    case 'fr.sante.guichet.intake.request-erased.v1':
      return erase(state);
    case 'fr.sante.guichet.matching.proposals-computed.v1':
      return { ...state, bundles: bundlesOf(event.data) };
    case 'fr.sante.guichet.matching.reservation-confirmed.v1':
      return { ...state, accepted: { bundleId: event.data.bundleId, offerIds: event.data.offerIds } };
    case 'fr.sante.guichet.matching.reservation-rejected.v1':
      return { ...state, accepted: undefined };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

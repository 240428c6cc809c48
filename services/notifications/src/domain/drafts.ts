import type { AidSummary, InseeCommuneCode, IsoDate, OfferKind, Territory, Zone } from '@guichet/contracts';
import type { AidVerdictSummary, BundleSummary, CaseProfile, CaseProjection, SourceEvent } from './case-projection.js';
import { territoryOf } from './places.js';
import type { SourceEventType, Stakeholder } from './stakeholders.js';

/** Reference data the projection reads, loaded beforehand so the projection stays a pure function. */
export interface ProjectionContext {
  /** ARS zoning of a commune on a date, when this service has heard of it. */
  zoneOf(commune: InseeCommuneCode, on: IsoDate): Zone | undefined;
  /** What and where a catalogue offer is, when this service has heard of it. */
  offer(offerId: string): { kind: OfferKind; communeCode: InseeCommuneCode } | undefined;
}

export interface DraftInput {
  source: SourceEvent;
  sourceEventType: SourceEventType;
  /** The case after the event. */
  state: CaseProjection;
  context: ProjectionContext;
}

/**
 * What a builder proposes to send one family for one event, before the disclosure policy keeps
 * only the fields of its row. `slice` names a part of the territory when one event yields several
 * messages (local authorities each get their own part).
 */
export interface Draft {
  territory?: Territory;
  facts: Record<string, unknown>;
  slice?: string;
}

export const acceptedBundleOf = (state: CaseProjection): BundleSummary | undefined =>
  state.accepted ? state.bundles.find((bundle) => bundle.id === state.accepted?.bundleId) : undefined;

/** The case's own territory, or, before intake's first event arrived, the places the event names. */
export function caseTerritory(state: CaseProjection): Territory | undefined {
  if (state.territory) return state.territory;
  const communes = [...new Set(state.bundles.map((bundle) => bundle.communeCode))];
  return communes.length > 0 ? territoryOf(communes) : undefined;
}

export function identityOf(state: CaseProjection): Record<string, string> | undefined {
  if (!state.person) return undefined;
  const { firstName, lastName, rpps } = state.person;
  return { firstName, lastName, ...(rpps === undefined ? {} : { rpps }) };
}

export function contactOf(state: CaseProjection): Record<string, string> | undefined {
  if (!state.person) return undefined;
  const { firstName, lastName, email, phone } = state.person;
  return { firstName, lastName, email, ...(phone === undefined ? {} : { phone }) };
}

const RANK: Record<AidVerdictSummary['status'], number> = { eligible: 2, 'needs-information': 1, 'not-eligible': 0 };

/** One line per scheme across bundles: the best verdict and the highest estimate. */
export function aidSummaries(aids: readonly AidVerdictSummary[]): AidSummary[] {
  const best = new Map<string, AidSummary>();
  for (const aid of aids) {
    const current = best.get(aid.schemeId);
    const status = current && RANK[current.status] >= RANK[aid.status] ? current.status : aid.status;
    const estimates = [current?.estimated, aid.estimated].filter((m) => m !== undefined);
    const estimated = estimates.sort((a, b) => b.amountCents - a.amountCents)[0];
    best.set(aid.schemeId, { schemeId: aid.schemeId, status, ...(estimated ? { estimated } : {}) });
  }
  return [...best.values()];
}

const nonEmpty = <T>(values: readonly T[]): T[] | undefined => (values.length > 0 ? [...values] : undefined);

/** `request-erased` goes to the recipients of the identity, under the territory they received it with. */
export function erasureDrafts(stakeholder: Stakeholder, state: CaseProjection): Draft[] {
  return state.identityRecipients
    .filter((recipient) => recipient.stakeholder === stakeholder)
    .map((recipient) => ({ territory: recipient.territory, facts: {}, slice: recipient.territory.departements.join('-') }));
}

const single = (territory: Territory | undefined, facts: Record<string, unknown>): Draft[] => [{ ...(territory ? { territory } : {}), facts }];

function statusFacts({ source: { event } }: DraftInput): Record<string, unknown> {
  return event.type === 'fr.sante.guichet.intake.request-status-changed.v1' ? { status: event.data.to } : {};
}

/** A docteur junior's 4th-year placement, zoned on its first day: the ARS follows these placements as its own queue. */
function juniorDoctorPlacement(profile: CaseProfile, context: ProjectionContext): Record<string, unknown> | undefined {
  if (profile.candidateStatus !== 'junior-doctor' || !profile.internship) return undefined;
  const { communeCode, startDate, endDate } = profile.internship;
  const zone = context.zoneOf(communeCode, startDate);
  return { communeCode, ...(zone ? { zone } : {}), startDate, endDate };
}

export function arsDrafts(input: DraftInput): Draft[] {
  const { state, context, sourceEventType } = input;
  const territory = caseTerritory(state);
  const profile = state.profile;
  const bundle = acceptedBundleOf(state);
  const acceptedBundle = bundle && { communeCode: bundle.communeCode, ...(bundle.zone ? { zone: bundle.zone } : {}), recommendedAidIds: bundle.recommendedAidIds };
  switch (sourceEventType) {
    case 'request-submitted':
    case 'request-updated':
      if (!profile) return [];
      return single(territory, {
        status: state.status,
        candidateStatus: profile.candidateStatus,
        specialty: profile.specialty,
        targets: profile.targetCommunes.map((communeCode) => {
          const zone = context.zoneOf(communeCode, profile.desiredInstallationDate);
          return { communeCode, ...(zone ? { zone } : {}) };
        }),
        targetDepartements: nonEmpty(profile.targetDepartements),
        practiceMode: profile.practiceMode,
        sector: profile.sector,
        desiredInstallationDate: profile.desiredInstallationDate,
        placement: juniorDoctorPlacement(profile, context),
        aidsRequested: nonEmpty(profile.aidsRequested),
      });
    case 'request-status-changed':
      return single(territory, statusFacts(input));
    case 'proposals-computed':
      return single(territory, { aidsProposed: nonEmpty(aidSummaries(state.bundles.flatMap((b) => b.aids))) });
    case 'bundle-accepted':
      return single(territory, { status: 'accepted', acceptedBundle, identity: identityOf(state) });
    case 'reservation-confirmed':
      return single(territory, { acceptedBundle, identity: identityOf(state) });
    case 'reservation-rejected':
      return single(territory, {});
    case 'request-withdrawn':
      return single(territory, { status: 'withdrawn' });
    case 'request-erased':
      return erasureDrafts('ars', state);
  }
}

export function cpamDrafts(input: DraftInput): Draft[] {
  const { state, sourceEventType } = input;
  const territory = caseTerritory(state);
  const profile = state.profile;
  const bundle = acceptedBundleOf(state);
  const base = profile && {
    plannedDate: profile.desiredInstallationDate,
    sector: profile.sector,
    practiceMode: profile.practiceMode,
    coordinatedPractice: profile.coordinatedPractice,
  };
  const place = bundle && { communeCode: bundle.communeCode, ...(bundle.zone ? { zone: bundle.zone } : {}), premisesOfferId: bundle.premisesOfferId };
  const conventionalAids = bundle && nonEmpty(aidSummaries(bundle.aids.filter((aid) => aid.funder === 'assurance-maladie')));
  switch (sourceEventType) {
    case 'request-submitted':
      return single(territory, { status: state.status, installation: base });
    case 'request-status-changed':
      return single(territory, statusFacts(input));
    case 'bundle-accepted':
      return single(territory, { status: 'accepted', installation: { ...base, ...place }, conventionalAids });
    case 'reservation-confirmed':
      return single(territory, { installation: { ...base, ...place }, conventionalAids, identity: identityOf(state) });
    case 'request-withdrawn':
      return single(territory, { status: 'withdrawn' });
    case 'request-erased':
      return erasureDrafts('cpam', state);
    default:
      return [];
  }
}

export function ordreDrafts(input: DraftInput): Draft[] {
  const { state, sourceEventType } = input;
  const territory = caseTerritory(state);
  const profile = state.profile;
  const intent = profile && {
    intent: profile.practiceMode === 'locum' ? 'replacement' : 'installation',
    specialty: profile.specialty,
    practiceMode: profile.practiceMode,
    plannedDate: profile.desiredInstallationDate,
  };
  switch (sourceEventType) {
    case 'request-submitted': {
      // Before a bundle is accepted, the place is known only when the candidate names a single commune.
      const only = profile?.targetCommunes.length === 1 ? profile.targetCommunes[0] : undefined;
      return single(territory, { status: state.status, ...intent, communeCode: only, identity: identityOf(state) });
    }
    case 'request-status-changed':
      return single(territory, statusFacts(input));
    case 'reservation-confirmed':
      return single(territory, { ...intent, communeCode: acceptedBundleOf(state)?.communeCode, identity: identityOf(state) });
    case 'request-withdrawn':
      return single(territory, { status: 'withdrawn' });
    case 'request-erased':
      return erasureDrafts('ordre', state);
    default:
      return [];
  }
}

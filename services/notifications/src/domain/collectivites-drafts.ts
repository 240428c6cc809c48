import type { AidFunder, DepartementCode, InseeCommuneCode } from '@guichet/contracts';
import type { BundleSummary, CaseProjection } from './case-projection.js';
import { acceptedBundleOf, aidSummaries, contactOf, erasureDrafts, type Draft, type DraftInput } from './drafts.js';
import { departementOfCommune, territoryOf } from './places.js';

/** Aids a local authority funds (art. L1511-8 CGCT); State, ARS and Assurance Maladie aids are not theirs. */
const LOCAL_FUNDERS: ReadonlySet<AidFunder> = new Set(['region', 'departement', 'intercommunalite', 'commune']);

const localAids = (bundles: readonly BundleSummary[]) => {
  const aids = aidSummaries(bundles.flatMap((bundle) => bundle.aids.filter((aid) => LOCAL_FUNDERS.has(aid.funder))));
  return aids.length > 0 ? aids : undefined;
};

/**
 * Local authorities act on their own territory only, so each département concerned gets its own
 * message with what lies there, under a territory naming only that département and its communes.
 */
class Slices {
  private readonly byDepartement = new Map<DepartementCode, { communes: Set<InseeCommuneCode>; facts: Record<string, unknown> }>();

  at(departement: DepartementCode, communes: readonly InseeCommuneCode[] = []): Record<string, unknown> {
    let slice = this.byDepartement.get(departement);
    if (!slice) {
      slice = { communes: new Set(), facts: {} };
      this.byDepartement.set(departement, slice);
    }
    for (const commune of communes) if (departementOfCommune(commune) === departement) slice.communes.add(commune);
    return slice.facts;
  }

  drafts(): Draft[] {
    return [...this.byDepartement].map(([departement, { communes, facts }]) => ({
      territory: territoryOf([...communes], [departement]),
      facts,
      slice: departement,
    }));
  }
}

function demandSlices(state: CaseProjection): Draft[] {
  const profile = state.profile;
  if (!profile) return [];
  const slices = new Slices();
  const premisesDepartements = new Set([...profile.targetCommunes.map(departementOfCommune), ...profile.targetDepartements]);
  const internship = profile.internship;
  const internshipDepartement = internship && departementOfCommune(internship.communeCode);
  // Housing is wanted near the internship when there is one, near the installation otherwise.
  const housingDepartements = profile.housing ? (internshipDepartement ? new Set([internshipDepartement]) : premisesDepartements) : new Set<DepartementCode>();
  for (const departement of premisesDepartements) {
    Object.assign(slices.at(departement, profile.targetCommunes), {
      status: state.status,
      demand: { premises: profile.premises },
      dates: { plannedInstallationDate: profile.desiredInstallationDate },
    });
  }
  for (const departement of housingDepartements) {
    const facts = slices.at(departement, internship ? [internship.communeCode] : profile.targetCommunes);
    facts['status'] = state.status;
    facts['demand'] = { ...(facts['demand'] as object | undefined), housing: profile.housing };
  }
  if (internship && internshipDepartement) {
    const facts = slices.at(internshipDepartement, [internship.communeCode]);
    facts['status'] = state.status;
    facts['dates'] = { ...(facts['dates'] as object | undefined), internshipStart: internship.startDate, internshipEnd: internship.endDate };
  }
  return slices.drafts();
}

function aidSlices(state: CaseProjection): Draft[] {
  const slices = new Slices();
  const byDepartement = new Map<DepartementCode, BundleSummary[]>();
  for (const bundle of state.bundles) {
    const departement = departementOfCommune(bundle.communeCode);
    byDepartement.set(departement, [...(byDepartement.get(departement) ?? []), bundle]);
  }
  for (const [departement, bundles] of byDepartement) {
    const aids = localAids(bundles);
    if (aids) slices.at(departement, bundles.map((b) => b.communeCode))['aids'] = aids;
  }
  return slices.drafts();
}

interface PlacedOffer {
  id: string;
  communeCode: InseeCommuneCode;
  housing: boolean;
}

/** Where each offer is: from the catalogue when known, else from the bundle that proposed it. */
function placeOffers({ context, state }: DraftInput, offerIds: readonly string[], bundle: BundleSummary | undefined): PlacedOffer[] {
  return offerIds.flatMap((id) => {
    const known = context.offer(id);
    if (known) return [{ id, communeCode: known.communeCode, housing: known.kind === 'housing' }];
    if (!bundle) return [];
    const housing = id === bundle.housingOfferId;
    const communeCode = housing ? (state.profile?.internship?.communeCode ?? bundle.communeCode) : bundle.communeCode;
    return [{ id, communeCode, housing }];
  });
}

function commitmentSlices(input: DraftInput, withStatus: boolean): Draft[] {
  const { state } = input;
  const bundle = acceptedBundleOf(state);
  const offers = placeOffers(input, state.accepted?.offerIds ?? [], bundle);
  const slices = new Slices();
  const installation = bundle && departementOfCommune(bundle.communeCode);
  const internship = state.profile?.internship;
  for (const offer of offers) {
    const facts = slices.at(departementOfCommune(offer.communeCode), [offer.communeCode]);
    facts['offerIds'] = [...((facts['offerIds'] as string[] | undefined) ?? []), offer.id];
    if (offer.housing && internship) {
      facts['dates'] = { ...(facts['dates'] as object | undefined), internshipStart: internship.startDate, internshipEnd: internship.endDate };
    }
  }
  if (bundle && installation) {
    const facts = slices.at(installation, [bundle.communeCode]);
    facts['aids'] = localAids([bundle]);
    if (state.profile) facts['dates'] = { ...(facts['dates'] as object | undefined), plannedInstallationDate: state.profile.desiredInstallationDate };
  }
  const drafts = slices.drafts();
  for (const draft of drafts) Object.assign(draft.facts, { contact: contactOf(state), ...(withStatus ? { status: 'accepted' } : {}) });
  return drafts;
}

function releasedSlices(input: DraftInput): Draft[] {
  const { source, state } = input;
  if (source.event.type !== 'fr.sante.guichet.matching.reservation-rejected.v1') return [];
  const { bundleId, unavailableOfferIds, releasedOfferIds } = source.event.data;
  const bundle = state.bundles.find((b) => b.id === bundleId);
  const slices = new Slices();
  for (const offer of placeOffers(input, [...new Set([...unavailableOfferIds, ...releasedOfferIds])], bundle)) {
    const facts = slices.at(departementOfCommune(offer.communeCode), [offer.communeCode]);
    facts['offerIds'] = [...((facts['offerIds'] as string[] | undefined) ?? []), offer.id];
  }
  return slices.drafts();
}

export function collectivitesDrafts(input: DraftInput): Draft[] {
  const { state, sourceEventType } = input;
  switch (sourceEventType) {
    case 'request-submitted':
    case 'request-updated':
      return demandSlices(state);
    case 'proposals-computed':
      return aidSlices(state);
    case 'bundle-accepted':
      return commitmentSlices(input, true);
    case 'reservation-confirmed':
      return commitmentSlices(input, false);
    case 'reservation-rejected':
      return releasedSlices(input);
    case 'request-withdrawn':
      return state.collectivitesReach.map((territory) => ({ territory, facts: { status: 'withdrawn' }, slice: territory.departements.join('-') }));
    case 'request-erased':
      return erasureDrafts('collectivites', state);
    default:
      return [];
  }
}

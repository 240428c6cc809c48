import type { AidScheme, AidSchemeChanged, Offer, ZoningChanged } from '@guichet/contracts';
import { departementsOfRegion } from '@guichet/territory';
import { ZONE_SHORT } from '../../domain/labels.js';
import { eligibilityPlace } from '../eligibility-place.js';
import type { AffectedQuery, StoredRequest } from '../ports.js';
import { computeProposals } from './compute-proposals.js';
import { eligibilityProfile, previousAidsOf, type MatchingRequest } from './matching-request.js';
import { contextOf, currentProposals, storeProposals, type MatchingDeps } from './matching-deps.js';
import { sameProposals } from './proposal-changes.js';
import { offerConcerns, reachOf, zoningConcerns } from './reach.js';
import { evaluateScheme, formatEuros, type Located } from '../../domain/index.js';

export type CatalogueChange =
  | { readonly kind: 'offer-available'; readonly offer: Located<Offer>; readonly how: 'published' | 'updated' | 'released' }
  | { readonly kind: 'offer-gone'; readonly offerId: string; readonly heldBy?: string }
  | { readonly kind: 'zoning'; readonly changed: ZoningChanged }
  | { readonly kind: 'aid-scheme'; readonly changed: AidSchemeChanged; readonly previous?: AidScheme };

export interface RematchReport {
  /** Open requests the store returned for the change's area (a superset). */
  readonly considered: number;
  /** Requests whose proposals were recomputed. */
  readonly recomputed: number;
  /** Of those, requests whose proposals changed, and so were emitted. */
  readonly emitted: number;
}

/**
 * Incremental re-matching: a catalogue change recomputes only the open requests it can touch —
 * found by place in the store, then checked one by one (distance, département, current offers,
 * the changed scheme's verdict) — and emits new proposals, with what changed, only when the
 * candidate would see a difference. Idempotent by the triggering event's id.
 */
export async function rematch(deps: MatchingDeps, eventId: string, time: string, change: CatalogueChange): Promise<RematchReport> {
  const candidates = await deps.requests.findOpen(queryOf(deps, change));
  let recomputed = 0;
  let emitted = 0;
  for (const found of candidates) {
    const outcome = await recomputeLatest(deps, eventId, time, found.requestId, change);
    if (outcome === 'skipped') continue;
    if (outcome === 'duplicate') continue;
    recomputed += 1;
    if (outcome === 'emitted') emitted += 1;
  }
  return { considered: candidates.length, recomputed, emitted };
}

/** Reactions made again after losing to another write of the request; more would mean a write loop. */
const RECOMPUTATIONS = 20;

/**
 * The request as it is now (an intake event may have changed it since the search), recomputed
 * if the change touches it; again from its new state when another write of it came first.
 */
async function recomputeLatest(deps: MatchingDeps, eventId: string, time: string, requestId: string, change: CatalogueChange): Promise<'emitted' | 'unchanged' | 'duplicate' | 'skipped'> {
  for (let attempt = 0; attempt < RECOMPUTATIONS; attempt += 1) {
    const stored = await deps.requests.get(requestId);
    if (!stored?.request || stored.status !== 'open' || !affects(deps, change, stored, stored.request)) return 'skipped';
    const outcome = await recompute(deps, eventId, time, stored, stored.request, change);
    if (outcome !== 'moved') return outcome;
  }
  throw new Error(`demande ${requestId} : réécrite sans cesse pendant le re-matching de ${eventId}`);
}

function queryOf(deps: MatchingDeps, change: CatalogueChange): AffectedQuery {
  switch (change.kind) {
    case 'offer-available': {
      const { offer, location } = change.offer;
      return { ...(location ? { area: boxAround([location]) } : {}), departements: offer.territory.departements, offerIds: [offer.id] };
    }
    case 'offer-gone':
      return { offerIds: [change.offerId] };
    case 'zoning': {
      const communes = change.changed.entries.map((e) => e.communeCode);
      const points = communes.flatMap((c) => deps.communes.location(c) ?? []);
      const departements = [...new Set(communes.map((c) => deps.communes.get(c)?.departement ?? ''))].filter(Boolean);
      return { ...(points.length > 0 ? { area: boxAround(points) } : {}), departements, communes };
    }
    case 'aid-scheme': {
      const territory = [change.changed.scheme, change.previous].flatMap((s) => s?.criteria ?? []).filter((c) => c.kind === 'territory');
      if (territory.length === 0) return { everywhere: true };
      const communes = territory.flatMap((c) => c.communes ?? []);
      const points = communes.flatMap((c) => deps.communes.location(c) ?? []);
      const departements = [...new Set([...territory.flatMap((c) => c.departements ?? []), ...territory.flatMap((c) => c.regions ?? []).flatMap(departementsOfRegion)])];
      return { ...(points.length > 0 ? { area: boxAround(points) } : {}), departements, communes };
    }
  }
}

function affects(deps: MatchingDeps, change: CatalogueChange, stored: StoredRequest, request: MatchingRequest): boolean {
  switch (change.kind) {
    case 'offer-available':
      return (stored.reach?.offerIds.includes(change.offer.offer.id) ?? false) || (!stored.excludedOfferIds.includes(change.offer.offer.id) && offerConcerns(request, change.offer, deps.communes));
    case 'offer-gone':
      return change.heldBy !== stored.requestId && (stored.reach?.offerIds.includes(change.offerId) ?? false);
    case 'zoning':
      return change.changed.entries.some((e) => zoningConcerns(request, stored.reach, e.communeCode, deps.communes));
    case 'aid-scheme':
      return schemeVerdictMoves(deps, stored, request, change.changed.scheme, change.previous, change.changed.changedAt.slice(0, 10));
  }
}

/** Whether the changed scheme says something else for this request in one of its places (bundle or wished communes). */
function schemeVerdictMoves(deps: MatchingDeps, stored: StoredRequest, request: MatchingRequest, scheme: AidScheme, previous: AidScheme | undefined, date: string): boolean {
  const { catalogue, zoning } = deps.reference.snapshot();
  const categories = new Map(catalogue.map((s) => [s.id, s.category]));
  const profile = eligibilityProfile(request);
  const previousAids = previousAidsOf(request);
  const places = new Set([...(stored.reach?.communes ?? []), ...(request.targets.communes ?? [])]);
  for (const insee of places) {
    const place = eligibilityPlace(deps.communes, zoning, insee, date, { withHints: false });
    if (!place) continue;
    const input = { profile, place, at: date, previousAids, catalogue, zoning };
    const after = evaluateScheme(scheme, input, (id) => categories.get(id));
    const before = previous ? evaluateScheme(previous, input, (id) => categories.get(id)) : undefined;
    if (!before) {
      if (after.status !== 'not-eligible') return true;
      continue;
    }
    if (before.status !== after.status || before.amount.estimated?.amountCents !== after.amount.estimated?.amountCents) return true;
  }
  return false;
}

async function recompute(deps: MatchingDeps, eventId: string, time: string, stored: StoredRequest, request: MatchingRequest, change: CatalogueChange): Promise<'emitted' | 'unchanged' | 'duplicate' | 'moved'> {
  if (await deps.requests.hasProcessed(stored.requestId, eventId)) return 'duplicate';
  const previous = await currentProposals(deps, stored);
  const computed = computeProposals(contextOf(deps), {
    requestId: stored.requestId,
    requestVersion: stored.version,
    request,
    trigger: change.kind === 'zoning' ? 'zoning-changed' : change.kind === 'aid-scheme' ? 'aid-scheme-changed' : 'offer-changed',
    triggerEventId: eventId,
    basedOnRevision: stored.revision,
    at: time,
    ...(previous ? { previous } : {}),
    excludedOfferIds: change.kind === 'offer-gone' ? [...stored.excludedOfferIds, change.offerId] : stored.excludedOfferIds,
    why: whyOf(deps, change),
  });
  const changed = !sameProposals(previous, computed.bundles);
  const proposals = changed ? await storeProposals(deps, computed) : undefined;
  const outcome = await deps.requests.apply(
    stored.requestId,
    eventId,
    { set: proposals ? { proposalSetId: proposals.proposalSetId, reach: reachOf(request, deps.communes, proposals) } : {}, recomputed: true },
    { guard: { version: stored.version, status: 'open' }, basedOn: stored },
  );
  if (outcome === 'moved') return 'moved';
  if (outcome !== 'applied') return 'duplicate';
  return changed ? 'emitted' : 'unchanged';
}

function whyOf(deps: MatchingDeps, change: CatalogueChange): string[] {
  const name = (insee: string) => deps.communes.get(insee)?.name ?? insee;
  switch (change.kind) {
    case 'offer-available': {
      const { details } = change.offer.offer;
      const what = change.how === 'published' ? 'Nouvelle offre' : change.how === 'updated' ? 'Offre modifiée' : 'Offre de nouveau disponible';
      return [`${what} : « ${details.title} » à ${name(details.communeCode)}.`];
    }
    case 'offer-gone':
      return ["Une offre de vos propositions n'est plus disponible."];
    case 'zoning': {
      const { changed } = change;
      const shown = changed.entries.slice(0, 3).map((e) => `${name(e.communeCode)} ${e.previousZone ? `${ZONE_SHORT[e.previousZone]} → ` : ''}${ZONE_SHORT[e.zone]}`);
      const more = changed.entries.length > 3 ? ` et ${changed.entries.length - 3} autre(s)` : '';
      return [`Zonage modifié (${changed.arrete.reference}) : ${shown.join(', ')}${more}.`];
    }
    case 'aid-scheme': {
      const { scheme, change: kind } = change.changed;
      const what = kind === 'created' ? 'ajouté' : kind === 'retired' ? 'fermé aux nouveaux contrats' : 'modifié';
      const amount = scheme.amount.capTotal ? ` (jusqu'à ${formatEuros(scheme.amount.capTotal.amountCents)})` : '';
      return [`Dispositif « ${scheme.name} » ${what}${amount}.`];
    }
  }
}

function boxAround(points: ReadonlyArray<{ lat: number; lng: number }>): NonNullable<AffectedQuery['area']> {
  return {
    minLat: Math.min(...points.map((p) => p.lat)),
    maxLat: Math.max(...points.map((p) => p.lat)),
    minLng: Math.min(...points.map((p) => p.lng)),
    maxLng: Math.max(...points.map((p) => p.lng)),
  };
}

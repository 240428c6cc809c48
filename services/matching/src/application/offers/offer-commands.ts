import type { Offer } from '@guichet/contracts';
import { reservationsOf, withReservations } from '../../domain/index.js';
import type { CommuneDirectory } from '../../read-model/index.js';
import { isAdmin, owns, reachesDepartement, reachesTerritory, type Caller } from '../caller.js';
import { outbound } from '../outbound.js';
import type { OfferStore, Runtime } from '../ports.js';
import { fail, invalid, ok, type Result } from '../result.js';
import { checkOfferInput, outOfTerritory, territoryOf } from './offer-input.js';

export interface OfferDeps {
  readonly offers: OfferStore;
  readonly communes: CommuneDirectory;
  readonly runtime: Runtime;
}


const NOT_OWNER = "Cette offre a été publiée par une autre organisation : seule celle-ci (ou un administrateur) peut la modifier ou la retirer.";
const NO_ORGANISATION = "Votre compte n'est rattaché à aucune organisation : il ne peut pas publier d'offre. Demandez à l'administrateur du guichet de l'y rattacher.";

/** Publishes an offer on the caller's territory; `offerId` is given by an import that must stay idempotent. */
export async function publishOffer(deps: OfferDeps, caller: Caller, body: unknown, offerId?: string): Promise<Result<Offer>> {
  const checked = checkOfferInput(body, deps.communes);
  if (!checked.ok) return invalid(checked.errors);
  const { input, commune } = checked;
  if (!isAdmin(caller) && caller.organisation === undefined) return fail({ kind: 'not-owner', detail: NO_ORGANISATION });
  if (!reachesDepartement(caller, commune.departement)) return fail({ kind: 'out-of-territory', detail: outOfTerritory(commune) });
  const now = deps.runtime.now().toISOString();
  const offer = withReservations({
    id: offerId ?? deps.runtime.newId(),
    kind: input.kind,
    status: 'available',
    version: 1,
    publisherId: caller.id,
    ...(caller.organisation === undefined ? {} : { publisherOrganisation: caller.organisation }),
    territory: territoryOf(commune),
    publishedAt: now,
    updatedAt: now,
    details: input.details,
  } as Offer, []);
  const event = outbound('fr.sante.guichet.catalogue.offer-published.v1', { offer }, { id: deps.runtime.newId(), time: now });
  if ((await deps.offers.insert(offer, [event])) === 'inserted') return ok(offer);
  const existing = await deps.offers.get(offer.id);
  return existing ? ok(existing) : fail({ kind: 'conflict', slug: 'offre-existante', detail: 'Une offre porte déjà cet identifiant.' });
}

/** Reads an offer: candidates read any offer they were proposed; others only those of their territory. */
export async function getOffer(deps: OfferDeps, caller: Caller, offerId: string): Promise<Result<Offer>> {
  const offer = await deps.offers.get(offerId);
  if (!offer) return fail({ kind: 'not-found', detail: "Cette offre n'existe pas." });
  if (!caller.roles.includes('candidate') && !reachesOffer(caller, offer)) {
    return fail({ kind: 'out-of-territory', detail: 'Cette offre est hors de votre territoire.' });
  }
  return ok(offer);
}

/**
 * Replaces an offer's content, given the version the caller read. An offer with reservations
 * keeps its kind and its commune (the candidates who hold it chose that place), and a housing
 * keeps at least a bed per reservation.
 */
export async function updateOffer(deps: OfferDeps, caller: Caller, offerId: string, expectedVersion: number, body: unknown): Promise<Result<Offer>> {
  const checked = checkOfferInput(body, deps.communes);
  if (!checked.ok) return invalid(checked.errors);
  const { input, commune } = checked;
  const current = await deps.offers.get(offerId);
  if (!current) return fail({ kind: 'not-found', detail: "Cette offre n'existe pas." });
  if (!reachesOffer(caller, current)) return fail({ kind: 'out-of-territory', detail: 'Cette offre est hors de votre territoire.' });
  if (!owns(caller, current.publisherOrganisation)) return fail({ kind: 'not-owner', detail: NOT_OWNER });
  if (!reachesDepartement(caller, commune.departement)) return fail({ kind: 'out-of-territory', detail: outOfTerritory(commune) });
  if (current.status === 'withdrawn') return fail({ kind: 'conflict', slug: 'offre-retiree', detail: 'Cette offre a été retirée : elle ne peut plus être modifiée.' });
  if (current.version !== expectedVersion) return versionConflict(current.version);
  const held = reservationsOf(current);
  if (held.length > 0 && (current.kind !== input.kind || current.details.communeCode !== input.details.communeCode)) {
    return fail({ kind: 'conflict', slug: 'offre-reservee', detail: 'Cette offre est réservée par un candidat : sa nature et sa commune ne peuvent plus changer.' });
  }
  if (input.kind === 'housing' && held.length > input.details.beds) {
    return fail({ kind: 'conflict', slug: 'offre-reservee', detail: `Ce logement a ${held.length} réservations en cours : il ne peut pas compter moins de ${held.length} lits.` });
  }
  const now = deps.runtime.now().toISOString();
  const next = withReservations({ ...current, kind: input.kind, details: input.details, territory: territoryOf(commune), version: current.version + 1, updatedAt: now } as Offer, held);
  const event = outbound(
    'fr.sante.guichet.catalogue.offer-updated.v1',
    { offer: next, changedFields: changedFields(current, next) },
    { id: deps.runtime.newId(), time: now },
  );
  if (await deps.offers.replace(next, expectedVersion, [event])) return ok(next);
  return versionConflict((await deps.offers.get(offerId))?.version ?? expectedVersion);
}

/** Withdraws an offer; it stays readable with status `withdrawn`. An offer with reservations must first be released. */
export async function withdrawOffer(deps: OfferDeps, caller: Caller, offerId: string, expectedVersion: number): Promise<Result<Offer>> {
  const current = await deps.offers.get(offerId);
  if (!current) return fail({ kind: 'not-found', detail: "Cette offre n'existe pas." });
  if (!reachesOffer(caller, current)) return fail({ kind: 'out-of-territory', detail: 'Cette offre est hors de votre territoire.' });
  if (!owns(caller, current.publisherOrganisation)) return fail({ kind: 'not-owner', detail: NOT_OWNER });
  if (current.status === 'withdrawn') return ok(current);
  if (current.version !== expectedVersion) return versionConflict(current.version);
  if (reservationsOf(current).length > 0) {
    return fail({ kind: 'conflict', slug: 'offre-reservee', detail: 'Cette offre est réservée par un candidat : contactez le guichet pour lever la réservation avant de la retirer.' });
  }
  const now = deps.runtime.now().toISOString();
  const next = { ...current, status: 'withdrawn', version: current.version + 1, updatedAt: now } as Offer;
  const event = outbound(
    'fr.sante.guichet.catalogue.offer-withdrawn.v1',
    { offerId, kind: current.kind, version: next.version, territory: current.territory, withdrawnAt: now },
    { id: deps.runtime.newId(), time: now },
  );
  if (await deps.offers.replace(next, expectedVersion, [event])) return ok(next);
  return versionConflict((await deps.offers.get(offerId))?.version ?? expectedVersion);
}

function reachesOffer(caller: Caller, offer: Offer): boolean {
  return reachesTerritory(caller, offer.territory);
}

function versionConflict(currentVersion: number): Result<never> {
  return fail({ kind: 'version-conflict', currentVersion, detail: `L'offre a été modifiée entre-temps (version actuelle : ${currentVersion}) ; rechargez-la puis réessayez.` });
}

function changedFields(before: Offer, after: Offer): string[] {
  const fields: string[] = before.kind !== after.kind ? ['kind'] : [];
  const a = before.details as unknown as Record<string, unknown>;
  const b = after.details as unknown as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) fields.push(`details.${key}`);
  }
  return fields.slice(0, 50);
}

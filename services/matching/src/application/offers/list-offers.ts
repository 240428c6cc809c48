import type { Offer, OfferKind, OfferStatus } from '@guichet/contracts';
import { scopeOf } from '@guichet/territory';
import { isAdmin, type Caller } from '../caller.js';
import type { OfferQuery, OfferStore } from '../ports.js';

export interface OfferListing {
  readonly kind?: OfferKind;
  readonly status?: OfferStatus;
  readonly communeCode?: string;
  readonly departement?: string;
  readonly mine?: boolean;
  readonly limit: number;
  readonly after?: string;
}

/** Offers of the caller's territory, oldest id first, page by page. */
export async function listOffers(offers: OfferStore, caller: Caller, listing: OfferListing): Promise<{ items: Offer[]; nextAfter?: string; total: number }> {
  const page = await offers.list({
    scope: scopeQuery(caller),
    ...(listing.kind ? { kind: listing.kind } : {}),
    ...(listing.status ? { status: listing.status } : {}),
    ...(listing.communeCode ? { communeCode: listing.communeCode } : {}),
    ...(listing.departement ? { departement: listing.departement } : {}),
    ...(listing.mine ? (caller.organisation === undefined ? { publisherId: caller.id } : { publisherOrganisation: caller.organisation }) : {}),
    limit: listing.limit,
    ...(listing.after ? { after: listing.after } : {}),
  });
  return { items: page.items, total: page.total, ...(page.nextCursor ? { nextAfter: page.nextCursor } : {}) };
}

/** The territory policy as a query: the département-level scope of a CPAM of the 37 lists the 37 only. */
function scopeQuery(caller: Caller): OfferQuery['scope'] {
  if (isAdmin(caller)) return { everywhere: true };
  const scope = scopeOf(caller);
  if (scope.level === 'departement') return { regions: [], departements: scope.codes };
  if (scope.level === 'region') return { regions: scope.codes, departements: [] };
  return { regions: [], departements: [] };
}

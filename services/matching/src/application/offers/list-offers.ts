import type { Offer, OfferKind, OfferStatus } from '@guichet/contracts';
import { isAdmin, type Caller } from '../caller.js';
import type { OfferStore } from '../ports.js';

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
export async function listOffers(offers: OfferStore, caller: Caller, listing: OfferListing): Promise<{ items: Offer[]; nextAfter?: string }> {
  const page = await offers.list({
    scope: isAdmin(caller) ? { everywhere: true } : { regions: caller.regions, departements: caller.departements },
    ...(listing.kind ? { kind: listing.kind } : {}),
    ...(listing.status ? { status: listing.status } : {}),
    ...(listing.communeCode ? { communeCode: listing.communeCode } : {}),
    ...(listing.departement ? { departement: listing.departement } : {}),
    ...(listing.mine ? { publisherId: caller.id } : {}),
    limit: listing.limit,
    ...(listing.after ? { after: listing.after } : {}),
  });
  return { items: page.items, ...(page.nextCursor ? { nextAfter: page.nextCursor } : {}) };
}

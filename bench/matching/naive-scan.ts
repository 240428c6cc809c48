import type { Offer, OfferKind } from '@guichet/contracts';
import { distanceKm, type Coordinates, type Located } from '../../services/matching/src/domain/index.js';
import type { OfferOfKind, OfferSource } from '../../services/matching/src/read-model/index.js';

/** The baseline: the same questions answered by looking at every offer of the catalogue. */
export class NaiveScan implements OfferSource {
  constructor(private readonly offers: readonly Located<Offer>[]) {}

  around<K extends OfferKind>(kind: K, point: Coordinates, radiusKm: number): Located<OfferOfKind[K]>[] {
    return this.offers.filter((o) => o.offer.kind === kind && o.offer.status === 'available' && o.location !== null && distanceKm(point, o.location) <= radiusKm) as Located<OfferOfKind[K]>[];
  }

  aroundAny<K extends OfferKind>(kind: K, points: readonly Coordinates[], radiusKm: number, accept?: (offer: OfferOfKind[K]) => boolean): Located<OfferOfKind[K]>[] {
    return this.offers.filter(
      (o) => o.offer.kind === kind && o.offer.status === 'available' && o.location !== null && points.some((p) => distanceKm(p, o.location!) <= radiusKm) && (!accept || accept(o.offer as OfferOfKind[K])),
    ) as Located<OfferOfKind[K]>[];
  }

  inDepartements<K extends OfferKind>(kind: K, departements: readonly string[]): Located<OfferOfKind[K]>[] {
    return this.offers.filter((o) => o.offer.kind === kind && o.offer.status === 'available' && o.offer.territory.departements.some((d) => departements.includes(d))) as Located<OfferOfKind[K]>[];
  }

  unlocatedIn<K extends OfferKind>(kind: K, departements: readonly string[]): Located<OfferOfKind[K]>[] {
    return this.offers.filter(
      (o) => o.offer.kind === kind && o.offer.status === 'available' && o.location === null && o.offer.territory.departements.some((d) => departements.includes(d)),
    ) as Located<OfferOfKind[K]>[];
  }
}

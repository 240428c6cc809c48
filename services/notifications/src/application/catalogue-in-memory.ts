import type { InseeCommuneCode } from '@guichet/contracts';
import type { ProjectionContext } from '../domain/drafts.js';
import type { CatalogueRecords, CatalogueStore, CommuneZoning, OfferPlace, ZoningPeriod } from './ports.js';

/** The zone in force on a date: the most recent order whose period covers it. */
export function zoneOn(periods: readonly ZoningPeriod[], on: string): ZoningPeriod['zone'] | undefined {
  const inForce = periods.filter((p) => p.effectiveFrom <= on && (p.effectiveUntil === undefined || on <= p.effectiveUntil));
  return inForce.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]?.zone;
}

/**
 * The catalogue read model in memory: every projection reads it (the zoning of the target
 * communes, where offers are), and the MongoDB-wire server of the local stack scans a whole
 * collection for any query but a lookup by `_id`. Read whole from the records on first use,
 * then kept current by the catalogue events this instance reads (every instance reads them all).
 */
export class InMemoryCatalogue implements CatalogueStore {
  private readonly offers = new Map<string, OfferPlace>();
  /** Per commune, the periods of each import. */
  private readonly zoning = new Map<string, Map<string, ZoningPeriod[]>>();
  private loading: Promise<void> | undefined;

  constructor(private readonly records: CatalogueRecords) {}

  async recordOffer(offer: OfferPlace): Promise<void> {
    await this.ready();
    const known = this.offers.get(offer.id);
    if (known && known.version >= offer.version) return;
    await this.records.recordOffer(offer);
    this.keepOffer(offer);
  }

  async recordZoning(importId: string, periods: ReadonlyArray<ZoningPeriod & { communeCode: InseeCommuneCode }>): Promise<void> {
    await this.ready();
    await this.records.recordZoning(importId, periods);
    const byCommune = new Map<InseeCommuneCode, ZoningPeriod[]>();
    for (const { communeCode, ...period } of periods) byCommune.set(communeCode, [...(byCommune.get(communeCode) ?? []), period]);
    for (const [communeCode, own] of byCommune) this.keepZoning({ importId, communeCode, periods: own });
  }

  async context(communes: readonly string[], offerIds: readonly string[]): Promise<ProjectionContext> {
    await this.ready();
    const periodsByCommune = new Map(communes.map((commune) => [commune, [...(this.zoning.get(commune)?.values() ?? [])].flat()]));
    const offerById = new Map(offerIds.flatMap((id) => {
      const offer = this.offers.get(id);
      return offer ? [[id, { kind: offer.kind, communeCode: offer.communeCode }] as const] : [];
    }));
    return {
      offer: (id) => offerById.get(id),
      zoneOf: (commune, on) => zoneOn(periodsByCommune.get(commune) ?? [], on),
    };
  }

  private ready(): Promise<void> {
    this.loading ??= this.records.everything().then(
      ({ offers, zoning }) => {
        for (const offer of offers) this.keepOffer(offer);
        for (const entry of zoning) this.keepZoning(entry);
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private keepOffer(offer: OfferPlace): void {
    const known = this.offers.get(offer.id);
    if (!known || known.version < offer.version) this.offers.set(offer.id, offer);
  }

  private keepZoning({ importId, communeCode, periods }: CommuneZoning): void {
    const imports = this.zoning.get(communeCode) ?? new Map<string, ZoningPeriod[]>();
    this.zoning.set(communeCode, imports);
    // An import recorded twice (a redelivered event) keeps its first periods, as the store does.
    if (!imports.has(importId)) imports.set(importId, periods);
  }
}

import type { InseeCommuneCode } from '@guichet/contracts';
import type { mongo } from 'mongoose';
import type { CatalogueStore, OfferPlace, ZoningPeriod } from '../../application/ports.js';
import type { ProjectionContext } from '../../domain/drafts.js';
import { isDuplicateKey } from './collections.js';

interface OfferDocument {
  _id: string;
  kind: OfferPlace['kind'];
  communeCode: InseeCommuneCode;
  version: number;
}

interface ZoningDocument {
  _id: string;
  periods: ZoningPeriod[];
  importIds: string[];
}

/** The zone in force on a date: the most recent order whose period covers it. */
export function zoneOn(periods: readonly ZoningPeriod[], on: string): ZoningPeriod['zone'] | undefined {
  const inForce = periods.filter((p) => p.effectiveFrom <= on && (p.effectiveUntil === undefined || on <= p.effectiveUntil));
  return inForce.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]?.zone;
}

export class MongoCatalogueStore implements CatalogueStore {
  constructor(
    private readonly offers: mongo.Collection<OfferDocument>,
    private readonly zoning: mongo.Collection<ZoningDocument>,
  ) {}

  async recordOffer({ id, kind, communeCode, version }: OfferPlace): Promise<void> {
    // Only a newer version replaces what is known; a replayed or late older version changes nothing.
    try {
      await this.offers.updateOne(
        { _id: id, $or: [{ version: { $lt: version } }, { version: { $exists: false } }] },
        { $set: { kind, communeCode, version } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async recordZoning(importId: string, periods: ReadonlyArray<ZoningPeriod & { communeCode: InseeCommuneCode }>): Promise<void> {
    if (periods.length === 0) return;
    // Guarded per commune by the import id, so a redelivered import adds nothing.
    const operations = periods.map(({ communeCode, ...period }) => ({
      updateOne: {
        filter: { _id: communeCode, importIds: { $ne: importId } },
        update: { $push: { periods: period, importIds: importId } },
        upsert: true,
      },
    }));
    try {
      await this.zoning.bulkWrite(operations as mongo.AnyBulkWriteOperation<ZoningDocument>[], { ordered: false });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async context(communes: readonly string[], offerIds: readonly string[]): Promise<ProjectionContext> {
    const [offers, zoning] = await Promise.all([
      offerIds.length > 0 ? this.offers.find({ _id: { $in: [...offerIds] } }).toArray() : Promise.resolve([]),
      communes.length > 0 ? this.zoning.find({ _id: { $in: [...communes] } }).toArray() : Promise.resolve([]),
    ]);
    const offerById = new Map(offers.map((o) => [o._id, { kind: o.kind, communeCode: o.communeCode }]));
    const periodsByCommune = new Map(zoning.map((z) => [z._id, z.periods]));
    return {
      offer: (id) => offerById.get(id),
      zoneOf: (commune, on) => zoneOn(periodsByCommune.get(commune) ?? [], on),
    };
  }
}

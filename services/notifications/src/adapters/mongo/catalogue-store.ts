import type { InseeCommuneCode } from '@guichet/contracts';
import { GroupCommit } from '@guichet/platform';
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

/** The periods one zoning import gives one commune: `_id` is `<commune>/<import id>`. */
interface ZoningDocument {
  _id: string;
  communeCode: InseeCommuneCode;
  periods: ZoningPeriod[];
}

const ZONING_CHUNK = 500;

/** The zone in force on a date: the most recent order whose period covers it. */
export function zoneOn(periods: readonly ZoningPeriod[], on: string): ZoningPeriod['zone'] | undefined {
  const inForce = periods.filter((p) => p.effectiveFrom <= on && (p.effectiveUntil === undefined || on <= p.effectiveUntil));
  return inForce.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]?.zone;
}

export class MongoCatalogueStore implements CatalogueStore {
  private readonly zoningInserts: GroupCommit<ZoningDocument>;

  constructor(
    private readonly offers: mongo.Collection<OfferDocument>,
    private readonly zoning: mongo.Collection<ZoningDocument>,
  ) {
    this.zoningInserts = new GroupCommit(zoning, { maxBatch: ZONING_CHUNK });
  }

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
    // One document per commune and import, only ever inserted: a redelivered import hits the
    // same ids and adds nothing, and a region of 1 800 communes is a few bulk inserts rather than
    // 1 800 conditional updates (each a scan of the collection on the local MongoDB-wire server).
    const byCommune = new Map<InseeCommuneCode, ZoningPeriod[]>();
    for (const { communeCode, ...period } of periods) byCommune.set(communeCode, [...(byCommune.get(communeCode) ?? []), period]);
    const documents = [...byCommune].map(([communeCode, own]) => ({ _id: `${communeCode}/${importId}`, communeCode, periods: own }));
    await this.zoningInserts.insertMany(documents);
  }

  async context(communes: readonly string[], offerIds: readonly string[]): Promise<ProjectionContext> {
    const [offers, zoning] = await Promise.all([
      offerIds.length > 0 ? this.offers.find({ _id: { $in: [...offerIds] } }).toArray() : Promise.resolve([]),
      communes.length > 0 ? this.zoning.find({ communeCode: { $in: [...communes] } }).toArray() : Promise.resolve([]),
    ]);
    const offerById = new Map(offers.map((o) => [o._id, { kind: o.kind, communeCode: o.communeCode }]));
    const periodsByCommune = new Map<string, ZoningPeriod[]>();
    for (const z of zoning) periodsByCommune.set(z.communeCode, [...(periodsByCommune.get(z.communeCode) ?? []), ...z.periods]);
    return {
      offer: (id) => offerById.get(id),
      zoneOf: (commune, on) => zoneOn(periodsByCommune.get(commune) ?? [], on),
    };
  }
}

import type { InseeCommuneCode } from '@guichet/contracts';
import { GroupCommit } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { CatalogueRecords, CommuneZoning, OfferPlace, ZoningPeriod } from '../../application/ports.js';

/**
 * One version of an offer, `_id` `<offer id>@<version>`, only ever inserted; one recorded before
 * versions had documents of their own has the offer's id as `_id` and no `offerId`.
 */
interface OfferDocument {
  _id: string;
  offerId?: string;
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

/** Offers and zoning as recorded; projections read them from memory (application/catalogue-in-memory.ts). */
export class MongoCatalogueStore implements CatalogueRecords {
  private readonly zoningInserts: GroupCommit<ZoningDocument>;
  private readonly offerInserts: GroupCommit<OfferDocument>;

  constructor(
    private readonly offers: mongo.Collection<OfferDocument>,
    private readonly zoning: mongo.Collection<ZoningDocument>,
  ) {
    this.zoningInserts = new GroupCommit(zoning, { maxBatch: ZONING_CHUNK });
    this.offerInserts = new GroupCommit(offers);
  }

  async recordOffer({ id, kind, communeCode, version }: OfferPlace): Promise<void> {
    // Every instance records every version, in any order: an insert per version, the newest read
    // back (a conditional update is not atomic on FerretDB, and an older version could win).
    await this.offerInserts.insertOne({ _id: `${id}@${version}`, offerId: id, kind, communeCode, version });
  }

  async recordZoning(importId: string, periods: ReadonlyArray<ZoningPeriod & { communeCode: InseeCommuneCode }>): Promise<void> {
    // One document per commune and import, only ever inserted: a redelivered import hits the
    // same ids and adds nothing, and a region of 1 800 communes is a few bulk inserts rather than
    // 1 800 conditional updates (each a scan of the collection on the local MongoDB-wire server).
    const byCommune = new Map<InseeCommuneCode, ZoningPeriod[]>();
    for (const { communeCode, ...period } of periods) byCommune.set(communeCode, [...(byCommune.get(communeCode) ?? []), period]);
    await this.zoningInserts.insertMany([...byCommune].map(([communeCode, own]) => ({ _id: `${communeCode}/${importId}`, communeCode, periods: own })));
  }

  async everything(): Promise<{ offers: OfferPlace[]; zoning: CommuneZoning[] }> {
    const [offers, zoning] = await Promise.all([this.offers.find({}).toArray(), this.zoning.find({}).toArray()]);
    return {
      offers: offers.map(({ _id, offerId, kind, communeCode, version }) => ({ id: offerId ?? _id, kind, communeCode, version })),
      zoning: zoning.map(({ _id, communeCode, periods }) => ({ importId: _id.slice(_id.indexOf('/') + 1), communeCode, periods })),
    };
  }
}

import type { Offer } from '@guichet/contracts';
import { isDuplicateKey, outboxEntries, type OutboundEvent } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { OfferQuery, OfferStore } from '../../application/ports.js';
import { reservationsOf } from '../../domain/index.js';
import { WRITE, type OfferDocument, type OfferTransitionDocument, type OutboxEvents } from './collections.js';

function toOffer(doc: OfferDocument): Offer {
  const { _id, outbox: _outbox, ...offer } = doc;
  return offer as Offer;
}

const RESERVATION_FIELDS = ['reservedFor', 'reservations', 'bedsAvailable'] as const;

const claimId = (offerId: string, fromVersion: number) => `${offerId}@${fromVersion}`;
/** Writes of the document checked and repeated after a concurrent overwrite; more would mean a broken server. */
const WRITE_ATTEMPTS = 5;

/**
 * Offers, one document each. A new offer is one insert carrying its events; every change from
 * version v first claims `<id>@v` (an atomic unique insert) carrying the new offer and its
 * events, so one writer only ever moves an offer from a given version: this is what keeps a bed
 * from being reserved twice, with any number of instances. Both are announced to the platform's
 * outbox first, which publishes the events right after the write or, after a stop, by its sweep.
 * The offer document is then updated; a read that finds a claimed version still in the document
 * (its writer stopped, or FerretDB's read-modify-write lost the update) restores the claimed state.
 */
export class MongoOfferStore implements OfferStore {
  constructor(
    private readonly offers: mongo.Collection<OfferDocument>,
    private readonly transitions: mongo.Collection<OfferTransitionDocument>,
    private readonly events: OutboxEvents,
  ) {}

  async insert(offer: Offer, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'> {
    const entries = outboxEntries(events);
    await this.events.outbox.announce(this.offers.collectionName, offer.id);
    try {
      await this.offers.insertOne({ ...offer, _id: offer.id, outbox: entries } as OfferDocument, WRITE);
    } catch (error) {
      if (isDuplicateKey(error)) return 'exists';
      throw error;
    }
    await this.events.publisher.publish(offer.id, entries);
    return 'inserted';
  }

  async get(id: string): Promise<Offer | null> {
    const doc = await this.offers.findOne({ _id: id }, { projection: { outbox: 0 } });
    if (!doc) return null;
    let offer = toOffer(doc);
    for (;;) {
      const claimed = await this.transitions.findOne({ _id: claimId(id, offer.version) });
      if (!claimed) return offer;
      await this.write(claimed.offer);
      offer = claimed.offer;
    }
  }

  async replace(offer: Offer, expectedVersion: number, events: readonly OutboundEvent[]): Promise<boolean> {
    const entries = outboxEntries(events);
    const key = claimId(offer.id, expectedVersion);
    await this.events.outbox.announce(this.transitions.collectionName, key);
    try {
      await this.transitions.insertOne({ _id: key, offerId: offer.id, offer, outbox: entries }, WRITE);
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.write(offer);
    await this.events.publisher.publish(key, entries);
    return true;
  }

  private async write(offer: Offer): Promise<void> {
    // Fields an offer loses when its reservations go: a whole-document $set would keep them.
    const gone = RESERVATION_FIELDS.filter((field) => !(field in offer));
    const change: mongo.UpdateFilter<OfferDocument> =
      gone.length > 0 ? { $set: offer as Partial<OfferDocument>, $unset: Object.fromEntries(gone.map((field) => [field, ''])) } : { $set: offer as Partial<OfferDocument> };
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      await this.offers.updateOne({ _id: offer.id, version: { $lt: offer.version } }, change, WRITE);
      const stored = await this.offers.findOne({ _id: offer.id }, { projection: { version: 1 } });
      if (!stored || stored.version >= offer.version) return;
    }
    throw new Error(`offre ${offer.id} : la version ${offer.version} n'a pas pu être enregistrée`);
  }

  async list(query: OfferQuery): Promise<{ items: Offer[]; nextCursor?: string; total: number }> {
    const filter: mongo.Filter<OfferDocument> = {};
    if (!('everywhere' in query.scope)) {
      filter.$or = [{ 'territory.regions': { $in: [...query.scope.regions] } }, { 'territory.departements': { $in: [...query.scope.departements] } }] as mongo.Filter<OfferDocument>[];
    }
    if (query.kind) filter.kind = query.kind;
    if (query.status) filter.status = query.status;
    if (query.publisherId) filter.publisherId = query.publisherId;
    if (query.publisherOrganisation) filter.publisherOrganisation = query.publisherOrganisation;
    if (query.communeCode) (filter as Record<string, unknown>)['details.communeCode'] = query.communeCode;
    if (query.departement) (filter as Record<string, unknown>)['territory.departements'] = query.departement;
    const total = await this.offers.countDocuments(filter);
    const page = query.after ? { ...filter, _id: { $gt: query.after } } : filter;
    const docs = await this.offers.find(page, { projection: { outbox: 0 }, sort: { _id: 1 }, limit: query.limit + 1 }).toArray();
    const items = docs.slice(0, query.limit).map(toOffer);
    return docs.length > query.limit ? { items, nextCursor: items[items.length - 1]!.id, total } : { items, total };
  }

  async reservedFor(requestId: string): Promise<Offer[]> {
    const held = { $or: [{ 'reservations.requestId': requestId }, { 'reservedFor.requestId': requestId }] } as mongo.Filter<OfferDocument>;
    const docs = await this.offers.find(held, { projection: { _id: 1 } }).toArray();
    const offers = await Promise.all(docs.map((doc) => this.get(doc._id)));
    return offers.filter((offer): offer is Offer => offer !== null && reservationsOf(offer).some((r) => r.requestId === requestId));
  }

  /** The offers whose every write is published, at their stored version. */
  async publishedVersions(): Promise<Array<[string, number]>> {
    const pending = await this.events.outbox.pending.find({ in: { $in: [this.offers.collectionName, this.transitions.collectionName] } }, { projection: { _id: 1 } }).toArray();
    const waiting = new Set(pending.map((write) => write._id.split('@')[0]));
    const docs = await this.offers.find({}, { projection: { _id: 1, version: 1 } }).toArray();
    return docs.filter((doc) => !waiting.has(doc._id)).map((doc) => [doc._id, doc.version]);
  }
}

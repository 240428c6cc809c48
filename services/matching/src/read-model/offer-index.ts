import KDBush from 'kdbush';
import { distance } from 'geokdbush';
import type { EventOnTopic, HousingOffer, JobOffer, Offer, OfferKind, OfferReservation, PremisesOffer } from '@guichet/contracts';
import { distanceKm, reservationsOf, withReservations, type Coordinates, type Located } from '../domain/index.js';

/** Events of `catalogue.offers.v1`, the stream this read model is rebuilt from. */
export type OfferEvent = EventOnTopic<'catalogue.offers.v1'>;

export interface OfferOfKind {
  premises: PremisesOffer;
  housing: HousingOffer;
  job: JobOffer;
}

/** Where a match looks for offers: available ones near a point, in départements, or without known place. */
export interface OfferSource {
  around<K extends OfferKind>(kind: K, point: Coordinates, radiusKm: number): Located<OfferOfKind[K]>[];
  /** Offers within `radiusKm` of any of the points, each once; only those `accept` takes when given. */
  aroundAny<K extends OfferKind>(kind: K, points: readonly Coordinates[], radiusKm: number, accept?: (offer: OfferOfKind[K]) => boolean): Located<OfferOfKind[K]>[];
  inDepartements<K extends OfferKind>(kind: K, departements: readonly string[]): Located<OfferOfKind[K]>[];
  unlocatedIn<K extends OfferKind>(kind: K, departements: readonly string[]): Located<OfferOfKind[K]>[];
}

export interface OfferIndexOptions {
  /** Where an offer's commune lies; null for a commune without reference point. */
  locate(communeCode: string): Coordinates | null;
  /**
   * Pending changes (new, moved or removed located offers) tolerated before the static tree of a
   * kind is rebuilt: kdbush cannot change after `finish()`, so changes wait in a small list that
   * every query scans, and the tree is rebuilt once that list is worth it.
   */
  rebuildThreshold?(baseSize: number): number;
}

export interface OfferIndexStats {
  offers: number;
  available: number;
  kinds: Record<OfferKind, { tree: number; pending: number; unlocated: number }>;
  rebuilds: number;
  /** Bytes held by the kd-trees themselves (coordinates and ids), without the offers. */
  treeBytes: number;
}

interface Entry {
  offer: Offer;
  location: Coordinates | null;
}

interface StaticTree {
  readonly tree: KDBush;
  /** The entry of each slot of the tree (entries are changed in place, so a slot always sees the latest version). */
  readonly entries: readonly Entry[];
  /**
   * Longitude and latitude of each slot, side by side: a radius query measures the points of its
   * box here and reads an offer (scattered across the heap) only once it lies within the circle.
   */
  readonly points: Float64Array;
}

const defaultThreshold = (baseSize: number): number => Math.max(1024, Math.ceil(baseSize * 0.1));

/** Spatial index of one kind of offer: a static kd-tree plus the changes since it was built. */
class KindIndex {
  base: StaticTree | null = null;
  /** Located offers not (or no longer correctly) in the tree: scanned by every query. */
  readonly pending = new Set<string>();
  /** Offers whose slot in the tree is outdated (moved, removed): tree hits on them are ignored. */
  readonly stale = new Set<string>();
  readonly inTree = new Set<string>();
  /** Located offers of this kind, what a rebuild puts in the tree. */
  readonly located = new Set<string>();
  readonly byDepartement = new Map<string, Set<string>>();
  readonly unlocated = new Set<string>();

  changes(): number {
    return this.pending.size + this.stale.size;
  }
}

const KINDS: readonly OfferKind[] = ['premises', 'housing', 'job'];

/**
 * The service's read model of the offer catalogue: every offer of `catalogue.offers.v1`, latest
 * version wins (replays and duplicates change nothing), with per kind a kdbush tree searched by
 * radius (great-circle distance of geokdbush) and a département lookup, so a match looks at the offers near its places and never at the
 * whole catalogue. Queries return available offers only.
 */
export class OfferIndex implements OfferSource {
  private readonly entries = new Map<string, Entry>();
  /** Latest version seen per offer, withdrawn ones included, so an old event never revives one. */
  private readonly versions = new Map<string, number>();
  private readonly kinds: Record<OfferKind, KindIndex> = { premises: new KindIndex(), housing: new KindIndex(), job: new KindIndex() };
  private readonly threshold: (baseSize: number) => number;
  private rebuilds = 0;

  constructor(private readonly options: OfferIndexOptions) {
    this.threshold = options.rebuildThreshold ?? defaultThreshold;
  }

  /** Applies one event of the offers stream; false when it was already known (replay, duplicate, older version). */
  apply(event: OfferEvent): boolean {
    switch (event.type) {
      case 'fr.sante.guichet.catalogue.offer-published.v1':
      case 'fr.sante.guichet.catalogue.offer-updated.v1':
        return this.upsert(event.data.offer);
      case 'fr.sante.guichet.catalogue.offer-withdrawn.v1':
        return this.remove(event.data.offerId, event.data.version);
      case 'fr.sante.guichet.catalogue.offer-reserved.v1': {
        const { offerId, version, requestId, reservationId, reservedAt } = event.data;
        return this.changeStatus(offerId, version, (offer) =>
          withReservations({ ...offer, version }, [...reservationsOf(offer).filter((r) => r.reservationId !== reservationId), { requestId, reservationId, reservedAt }]),
        );
      }
      case 'fr.sante.guichet.catalogue.offer-released.v1': {
        const { offerId, version, requestId, reservationId } = event.data;
        // A reservation written without id is known by its request.
        const lifted = (r: OfferReservation) => (r.reservationId === undefined ? r.requestId === requestId : r.reservationId === reservationId);
        return this.changeStatus(offerId, version, (offer) => withReservations({ ...offer, version }, reservationsOf(offer).filter((r) => !lifted(r))));
      }
      default:
        return assertNever(event);
    }
  }

  /** Stores an offer unless a newer or equal version is known. */
  upsert(offer: Offer): boolean {
    if ((this.versions.get(offer.id) ?? 0) >= offer.version) return false;
    this.versions.set(offer.id, offer.version);
    const previous = this.entries.get(offer.id);
    const before = previous ? { offer: previous.offer, location: previous.location } : undefined;
    if (previous) this.unlink(previous);
    if (offer.status === 'withdrawn') {
      this.entries.delete(offer.id);
      return true;
    }
    const location = this.options.locate(offer.details.communeCode);
    // Changed in place: the slot of a tree holding this offer sees the new version.
    const entry: Entry = previous ?? { offer, location };
    entry.offer = offer;
    entry.location = location;
    this.entries.set(offer.id, entry);
    this.link(entry, before);
    return true;
  }

  get(id: string): Located<Offer> | undefined {
    const entry = this.entries.get(id);
    return entry ? { offer: entry.offer, location: entry.location } : undefined;
  }

  version(id: string): number | undefined {
    return this.versions.get(id);
  }

  /** Available offers of a kind within `radiusKm` of a point (great-circle distance). */
  around<K extends OfferKind>(kind: K, point: Coordinates, radiusKm: number): Located<OfferOfKind[K]>[] {
    const found: Located<OfferOfKind[K]>[] = [];
    this.collectAround(kind, point, radiusKm, null, null, found);
    return found;
  }

  aroundAny<K extends OfferKind>(kind: K, points: readonly Coordinates[], radiusKm: number, accept?: (offer: OfferOfKind[K]) => boolean): Located<OfferOfKind[K]>[] {
    const found: Located<OfferOfKind[K]>[] = [];
    const seen = points.length > 1 ? new Set<string>() : null;
    for (const point of points) this.collectAround(kind, point, radiusKm, seen, accept ?? null, found);
    return found;
  }
  /** Available offers of a kind in the given départements, located or not. */
  inDepartements<K extends OfferKind>(kind: K, departements: readonly string[]): Located<OfferOfKind[K]>[] {
    const index = this.kinds[kind];
    const result: Located<OfferOfKind[K]>[] = [];
    for (const departement of new Set(departements)) {
      for (const id of index.byDepartement.get(departement) ?? []) {
        const entry = this.entries.get(id);
        if (entry?.offer.status === 'available') result.push(located<K>(entry));
      }
    }
    return result;
  }

  /** Available offers of a kind without known location in the given départements (no radius can find them). */
  unlocatedIn<K extends OfferKind>(kind: K, departements: readonly string[]): Located<OfferOfKind[K]>[] {
    const wanted = new Set(departements);
    return [...this.kinds[kind].unlocated]
      .map((id) => this.entries.get(id)!)
      .filter((entry) => entry.offer.status === 'available' && entry.offer.territory.departements.some((d) => wanted.has(d)))
      .map((entry) => located<K>(entry));
  }

  /** Rebuilds every kind's tree now (after a replay), leaving nothing pending. */
  rebuild(): void {
    for (const kind of KINDS) this.rebuildKind(kind);
  }

  stats(): OfferIndexStats {
    let available = 0;
    for (const entry of this.entries.values()) if (entry.offer.status === 'available') available += 1;
    const kinds = Object.fromEntries(
      KINDS.map((kind) => [kind, { tree: this.kinds[kind].base?.entries.length ?? 0, pending: this.kinds[kind].pending.size, unlocated: this.kinds[kind].unlocated.size }]),
    ) as OfferIndexStats['kinds'];
    const treeBytes = KINDS.reduce((sum, kind) => sum + (this.kinds[kind].base?.tree.data.byteLength ?? 0) + (this.kinds[kind].base?.points.byteLength ?? 0), 0);
    return { offers: this.entries.size, available, kinds, rebuilds: this.rebuilds, treeBytes };
  }

  /**
   * Appends the available offers within `radiusKm` of `point` that `accept` takes to `found`, skipping those in `seen`.
   * A box that holds the circle, then the exact great-circle distance: geokdbush's `around` ranks
   * every point of each visited leaf in a priority queue, which a plain radius search does not need.
   * Tree slots read their entry from an array, so a query allocates only what it returns.
   */
  private collectAround<K extends OfferKind>(
    kind: K,
    point: Coordinates,
    radiusKm: number,
    seen: Set<string> | null,
    accept: ((offer: OfferOfKind[K]) => boolean) | null,
    found: Located<OfferOfKind[K]>[],
  ): void {
    this.rebuildIfWorth(kind);
    const index = this.kinds[kind];
    const take = (entry: Entry) => {
      if (accept && !accept(entry.offer as OfferOfKind[K])) return;
      const { id } = entry.offer;
      if (seen) {
        if (seen.has(id)) return;
        seen.add(id);
      }
      found.push(located<K>(entry));
    };
    if (index.base) {
      const { tree, entries, points } = index.base;
      const box = boxAround(point, radiusKm);
      const checkStale = index.stale.size > 0;
      for (const slot of tree.range(box.minLng, box.minLat, box.maxLng, box.maxLat)) {
        // distanceKm(point, location), read from the slot's coordinates.
        if (distance(point.lng, point.lat, points[2 * slot]!, points[2 * slot + 1]!) > radiusKm) continue;
        const entry = entries[slot]!;
        if (checkStale && index.stale.has(entry.offer.id)) continue;
        if (entry.offer.status === 'available') take(entry);
      }
    }
    for (const id of index.pending) {
      const entry = this.entries.get(id);
      if (entry?.location && entry.offer.status === 'available' && distanceKm(point, entry.location) <= radiusKm) take(entry);
    }
  }

  private remove(offerId: string, version: number): boolean {
    if ((this.versions.get(offerId) ?? 0) >= version) return false;
    this.versions.set(offerId, version);
    const entry = this.entries.get(offerId);
    if (!entry) return true;
    this.unlink(entry);
    this.entries.delete(offerId);
    return true;
  }

  private changeStatus(offerId: string, version: number, change: (offer: Offer) => Offer): boolean {
    if ((this.versions.get(offerId) ?? 0) >= version) return false;
    this.versions.set(offerId, version);
    const entry = this.entries.get(offerId);
    if (entry) entry.offer = change(entry.offer);
    return true;
  }

  private link(entry: Entry, previous: Entry | undefined): void {
    const index = this.kinds[entry.offer.kind];
    const { id } = entry.offer;
    for (const departement of entry.offer.territory.departements) {
      let ids = index.byDepartement.get(departement);
      if (!ids) index.byDepartement.set(departement, (ids = new Set()));
      ids.add(id);
    }
    if (!entry.location) {
      index.unlocated.add(id);
      return;
    }
    index.located.add(id);
    const unmoved = previous?.offer.kind === entry.offer.kind && sameLocation(previous.location, entry.location);
    if (index.inTree.has(id) && unmoved) index.stale.delete(id);
    else index.pending.add(id);
  }

  private unlink(entry: Entry): void {
    const index = this.kinds[entry.offer.kind];
    const { id } = entry.offer;
    for (const departement of entry.offer.territory.departements) index.byDepartement.get(departement)?.delete(id);
    index.unlocated.delete(id);
    index.located.delete(id);
    index.pending.delete(id);
    if (index.inTree.has(id)) index.stale.add(id);
  }

  /** Rebuilt when queried with enough pending changes, so a replay of the whole stream builds each tree once. */
  private rebuildIfWorth(kind: OfferKind): void {
    const index = this.kinds[kind];
    if (index.changes() > this.threshold(index.base?.entries.length ?? 0)) this.rebuildKind(kind);
  }

  private rebuildKind(kind: OfferKind): void {
    const index = this.kinds[kind];
    if (index.changes() === 0 && index.base) return;
    const members = [...index.located].map((id) => this.entries.get(id)!) as Array<Entry & { location: Coordinates }>;
    index.inTree.clear();
    index.pending.clear();
    index.stale.clear();
    if (members.length === 0) {
      index.base = null;
      return;
    }
    const tree = new KDBush(members.length);
    const points = new Float64Array(2 * members.length);
    members.forEach(({ location }, slot) => {
      tree.add(location.lng, location.lat);
      points[2 * slot] = location.lng;
      points[2 * slot + 1] = location.lat;
    });
    tree.finish();
    for (const member of members) index.inTree.add(member.offer.id);
    index.base = { tree, entries: members, points };
    this.rebuilds += 1;
  }
}

function located<K extends OfferKind>(entry: Entry): Located<OfferOfKind[K]> {
  return { offer: entry.offer as OfferOfKind[K], location: entry.location };
}

const KM_PER_DEGREE = 111.19;

function boxAround(point: Coordinates, km: number): { minLng: number; minLat: number; maxLng: number; maxLat: number } {
  const dLat = km / KM_PER_DEGREE;
  const cos = Math.cos(((Math.abs(point.lat) + dLat) * Math.PI) / 180);
  const dLng = cos > 0.01 ? km / (KM_PER_DEGREE * cos) : 360;
  return { minLng: point.lng - dLng, minLat: point.lat - dLat, maxLng: point.lng + dLng, maxLat: point.lat + dLat };
}

function sameLocation(a: Coordinates | null, b: Coordinates | null): boolean {
  return a !== null && b !== null && a.lat === b.lat && a.lng === b.lng;
}

function assertNever(value: never): never {
  throw new Error(`événement d'offre inattendu : ${JSON.stringify(value)}`);
}

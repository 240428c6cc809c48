import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { communeIndex, type Commune, type GeoPoint } from '@guichet/territory';
import { distanceKm } from '../domain/index.js';
import { attributesOf, EMPTY_PLACE_ATTRIBUTES, type DatedPlaceAttribute, type PlaceAttributeTable } from '../domain/place-attributes.js';
import { readPlaceAttributes } from '../adapters/reference-files.js';

/** A commune with its dated classifications (ZRR/FRR, ZFU, mountain) when the reference table has any. */
export type DirectoryCommune = Commune & { readonly attributes?: readonly DatedPlaceAttribute[] };

export interface NearCommune {
  readonly commune: Commune;
  readonly distanceKm: number;
}

/**
 * The communes reference with a spatial index on their reference points, so « communes within
 * 20 km » (eligibility hints, re-matching reach) never scans the 35 000 rows.
 */
export class CommuneDirectory {
  private readonly located: Commune[];
  private readonly tree: KDBush;
  /** Only the communes the table classifies: most have no row, and stay shared as they are. */
  private readonly attributed = new Map<string, DirectoryCommune>();

  constructor(
    private readonly communes: ReadonlyMap<string, Commune>,
    attributes: PlaceAttributeTable = EMPTY_PLACE_ATTRIBUTES,
  ) {
    if (attributes.rows.length > 0) {
      for (const commune of communes.values()) {
        const own = attributesOf(attributes, commune);
        if (own.length > 0) this.attributed.set(commune.insee, { ...commune, attributes: own });
      }
    }
    this.located = [...communes.values()].filter((c) => c.location !== null);
    this.tree = new KDBush(this.located.length);
    for (const commune of this.located) this.tree.add(commune.location!.lng, commune.location!.lat);
    this.tree.finish();
  }

  /** The process-wide communes file (`@guichet/territory`'s `data/communes.csv`) with the place attributes table (`data/place-attributes.json`). */
  static shared(): CommuneDirectory {
    sharedDirectory ??= new CommuneDirectory(new Map([...communeIndex().all()].map((c) => [c.insee, c])), readPlaceAttributes());
    return sharedDirectory;
  }

  get(insee: string): DirectoryCommune | undefined {
    return this.attributed.get(insee) ?? this.communes.get(insee);
  }

  location(insee: string): GeoPoint | null {
    return this.communes.get(insee)?.location ?? null;
  }

  /** Communes within `radiusKm` of a point, nearest first (ties on INSEE code). */
  near(point: GeoPoint, radiusKm: number): NearCommune[] {
    return around(this.tree, point.lng, point.lat, Number.POSITIVE_INFINITY, radiusKm)
      .map((i) => this.located[i]!)
      .map((commune) => ({ commune, distanceKm: distanceKm(point, commune.location!) }))
      .sort((a, b) => a.distanceKm - b.distanceKm || (a.commune.insee < b.commune.insee ? -1 : 1));
  }

  inRegion(region: string): Commune[] {
    return [...this.communes.values()].filter((c) => c.region === region);
  }
}

let sharedDirectory: CommuneDirectory | undefined;

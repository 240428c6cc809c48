import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { communeIndex, type Commune, type GeoPoint } from '@guichet/territory';
import { distanceKm } from '../domain/index.js';

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

  constructor(private readonly communes: ReadonlyMap<string, Commune>) {
    this.located = [...communes.values()].filter((c) => c.location !== null);
    this.tree = new KDBush(this.located.length);
    for (const commune of this.located) this.tree.add(commune.location!.lng, commune.location!.lat);
    this.tree.finish();
  }

  /** The process-wide communes file (`@guichet/territory`'s `data/communes.csv`). */
  static shared(): CommuneDirectory {
    sharedDirectory ??= new CommuneDirectory(new Map([...communeIndex().all()].map((c) => [c.insee, c])));
    return sharedDirectory;
  }

  get(insee: string): Commune | undefined {
    return this.communes.get(insee);
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

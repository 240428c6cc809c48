import type { IsoDate, PlaceDistances } from '@guichet/contracts';
import type { CommuneDirectory } from '../read-model/index.js';
import { DEFAULT_HINT_RADIUS_KM, type EligibilityPlace, type NearbyCommune, zoneAt, type ZoningTimeline } from '../domain/index.js';

export interface PlaceOptions {
  /** Nearby communes feed the « éligible si vous vous installez à … » hints; scoring does not need them. */
  readonly withHints: boolean;
  readonly distances?: PlaceDistances;
}

/** The place the eligibility engine evaluates: a commune with its dated classifications, its zone at `date`, and its neighbours for hints. */
export function eligibilityPlace(communes: CommuneDirectory, zoning: ZoningTimeline, insee: string, date: IsoDate, options: PlaceOptions): EligibilityPlace | null {
  const commune = communes.get(insee);
  if (!commune) return null;
  const nearby: NearbyCommune[] =
    options.withHints && commune.location
      ? communes
          .near(commune.location, DEFAULT_HINT_RADIUS_KM)
          .filter((n) => n.commune.insee !== insee)
          .map(({ commune: n, distanceKm }) => ({
            insee: n.insee,
            name: n.name,
            departement: n.departement,
            region: n.region,
            population: n.population,
            zone: zoneAt(zoning, n.insee, date),
            distanceKm,
          }))
      : [];
  return {
    commune: {
      insee: commune.insee,
      name: commune.name,
      departement: commune.departement,
      region: commune.region,
      population: commune.population,
      ...(commune.attributes ? { attributes: commune.attributes } : {}),
    },
    zone: zoneAt(zoning, insee, date),
    ...(options.distances ? { distances: options.distances } : {}),
    nearby,
  };
}

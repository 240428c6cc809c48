import type {
  AidCategory,
  AidScheme,
  EligibilityProfile,
  InseeCommuneCode,
  IsoDate,
  PlaceDistances,
  PreviousAid,
  Zone,
} from '@guichet/contracts';
import type { DatedPlaceAttribute } from './place-attributes.js';
import type { ZoningTimeline } from './zoning.js';

export interface PlaceCommune {
  readonly insee: InseeCommuneCode;
  readonly name: string;
  readonly departement: string;
  readonly region: string;
  readonly population: number | null;
  /** Its classifications (ZRR/FRR, ZFU, mountain), dated, from the reference table; absent: none known. */
  readonly attributes?: readonly DatedPlaceAttribute[];
}

/** A commune near the evaluated place, with its zone and its distance from the place. */
export interface NearbyCommune extends PlaceCommune {
  readonly zone: Zone | null;
  readonly distanceKm: number;
}

/** Classifications the caller asserts for the place, whatever the date (they win over the reference table). */
export interface SpecialZoneFlags {
  readonly zrr?: boolean;
  readonly zfu?: boolean;
  readonly isolatedMountain?: boolean;
}

/**
 * Where the aid's activity happens: the practice commune for installation aids, the internship
 * site for internship aids. Unknown facts stay undefined (they lead to « needs information »).
 */
export interface EligibilityPlace {
  readonly commune: PlaceCommune;
  /** Zone of the commune as known by the caller; superseded per date when `zoning` is given. */
  readonly zone: Zone | null;
  readonly distances?: PlaceDistances;
  /** The distances are straight lines between communes: a road is never shorter, so only « farther than » can be concluded. */
  readonly distancesAsTheCrowFlies?: boolean;
  readonly specialZones?: SpecialZoneFlags;
  readonly nearby?: readonly NearbyCommune[];
}

export interface EligibilityInput {
  readonly profile: EligibilityProfile;
  readonly place: EligibilityPlace;
  /**
   * The internship site, where the schemes judged at the internship (housing, travel and internship
   * allowances) apply, with its distances from the CHU and from home; without it they are judged at `place`.
   */
  readonly internshipPlace?: EligibilityPlace;
  /** Reference date (the request's date); schemes evaluate at the date that matters to them when the profile gives it. */
  readonly at: IsoDate;
  readonly previousAids?: readonly PreviousAid[];
  readonly catalogue: readonly AidScheme[];
  /** When given, the zone of the place and of nearby communes is read at each scheme's own evaluation date. */
  readonly zoning?: ZoningTimeline;
  /** Radius of the « what would make it eligible » suggestions; 20 km unless told. */
  readonly hintRadiusKm?: number;
}

/** Everything one criterion needs, for one scheme at its evaluation date. */
export interface CriterionContext {
  readonly scheme: AidScheme;
  readonly profile: EligibilityProfile;
  readonly place: EligibilityPlace;
  readonly date: IsoDate;
  readonly zone: Zone | null;
  readonly nearby: readonly NearbyCommune[];
  readonly previousAids: readonly PreviousAid[];
  readonly categoryOf: (schemeId: string) => AidCategory | undefined;
}

import type {
  AidCombination,
  BundleDistances,
  BundleScore,
  CandidateStatus,
  HousingOffer,
  InseeCommuneCode,
  IsoDate,
  JobOffer,
  Needs,
  PracticeMode,
  PremisesOffer,
  Sector,
  Zone,
} from '@guichet/contracts';
import type { Coordinates } from './geo.js';

/** An offer with the location of its commune (null: unknown, never (0, 0)). */
export interface Located<T> {
  readonly offer: T;
  readonly location: Coordinates | null;
}

export interface TargetCommune {
  readonly communeCode: InseeCommuneCode;
  readonly name: string;
  readonly location: Coordinates | null;
}

/** What a request asks of a bundle, read from the submitted request by the application. */
export interface BundleRequest {
  readonly requestId: string;
  readonly candidateStatus: CandidateStatus;
  readonly practiceMode: PracticeMode;
  readonly sector: Sector;
  /** Wished communes; premises must lie within `radiusKm` of one of them, or in a wished département. */
  readonly targets: readonly TargetCommune[];
  readonly targetDepartements: readonly string[];
  readonly radiusKm: number;
  readonly internship?: {
    readonly name: string;
    readonly location: Coordinates | null;
    readonly startDate: IsoDate;
    readonly endDate: IsoDate;
  };
  readonly needs: Needs;
}

/** Offers already narrowed by the service's spatial index; the builder never sees the whole catalogue. */
export interface BundleCandidates {
  readonly premises: readonly Located<PremisesOffer>[];
  readonly housing: readonly Located<HousingOffer>[];
  readonly jobs: readonly Located<JobOffer>[];
}

/** Aids the place of a bundle opens (best cumulable combination), computed by the eligibility engine. */
export interface PlaceAids {
  readonly zone: Zone | null;
  readonly combination: AidCombination;
}

export interface BundleProposal {
  /** Stable identity of the combination of offers: same offers, same key. */
  readonly key: string;
  readonly rank: number;
  readonly communeCode: InseeCommuneCode;
  readonly zone: Zone | null;
  readonly premisesOfferId?: string;
  readonly housingOfferId?: string;
  readonly jobOfferId?: string;
  readonly distancesKm: BundleDistances;
  readonly score: BundleScore;
  readonly aids: AidCombination | null;
  readonly explanation: string;
}

export interface OfferRejection {
  readonly offerKind: 'premises' | 'housing' | 'job';
  readonly code: string;
  readonly count: number;
  readonly message: string;
}

export interface BundleComputation {
  readonly bundles: readonly BundleProposal[];
  /**
   * Why offers were left out, counted by reason, so an empty answer can be explained. When bundles
   * come out, spouse jobs count as too far from the premises the search examined, not from all.
   */
  readonly rejections: readonly OfferRejection[];
  readonly noBundleReason?: string;
}

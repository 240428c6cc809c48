import type { AidScheme, EligibilityProfile, IsoDate } from '@guichet/contracts';
import type { PlaceCommune } from './eligibility-context.js';
import { zoneAt, type ZoningTimeline } from './zoning.js';

const communesNamedBy = new WeakMap<readonly AidScheme[], ReadonlySet<string>>();

/** INSEE codes some scheme of the catalogue names in its territory: only these communes are judged by their code. */
function namedCommunes(catalogue: readonly AidScheme[]): ReadonlySet<string> {
  let named = communesNamedBy.get(catalogue);
  if (!named) {
    named = new Set(catalogue.flatMap((scheme) => scheme.criteria.flatMap((c) => (c.kind === 'territory' ? (c.communes ?? []) : []))));
    communesNamedBy.set(catalogue, named);
  }
  return named;
}

export interface PlaceFactsQuery {
  readonly profile: EligibilityProfile;
  /** Reference date of the evaluation (the request's date). */
  readonly at: IsoDate;
  readonly catalogue: readonly AidScheme[];
  readonly zoning: ZoningTimeline;
}

/**
 * What the verdicts of a profile read from a bare place — a commune given without neighbours,
 * distances or special-zone flags, as bundles are scored: its région and département, its size
 * (communes under 2 000 inhabitants open the CFE exemption), its zone at each date the schemes are
 * judged at (installation, internship start, reference date), its INSEE code only when a
 * scheme names communes, and its dated classifications (ZRR/FRR, ZFU, mountain) when it has any. Two places with the same key get the same statuses, amounts and best
 * combination — only the commune's name in some messages differs — so a scoring computed for one
 * serves the other.
 */
export function placeFactsKey(query: PlaceFactsQuery, commune: PlaceCommune): string {
  const { profile, at, catalogue, zoning } = query;
  const zoneOn = (date: IsoDate | undefined) => (date === undefined ? '' : (zoneAt(zoning, commune.insee, date) ?? '?'));
  const size = commune.population === null ? 'unknown' : commune.population < 2000 ? 'small' : 'large';
  const code = namedCommunes(catalogue).has(commune.insee) ? commune.insee : '';
  const attributes = commune.attributes?.length ? JSON.stringify(commune.attributes.map((a) => [a.kind, a.value, a.validFrom, a.validUntil])) : '';
  return [commune.region, commune.departement, size, zoneOn(profile.plannedInstallationDate), zoneOn(profile.internship?.startDate), zoneOn(at), code, attributes].join('|');
}

import type { RegionCode, Zone } from '@guichet/contracts';
import type { ZoningOrder } from '../domain/zoning.js';
import type { Commune } from './communes.js';

/**
 * Demo zoning (not a real ARS order) for one region, deterministic: each commune's rank inside its
 * population band comes from a hash of its INSEE code (lowest ranks ZIP, next ZAC, the rest out of
 * the zoning), never from Math.random, so every run and every machine draw the same map.
 *
 * Proportions (domain facts §1.3): fragile territories (ZIP + ZAC) are 78 % of communes and 56 % of
 * the population [003:200]. Small communes are more often fragile than towns, so the fragile share
 * is set per population band; on Centre-Val de Loire (1 756 communes) the bands below give 79 % of
 * communes and 56 % of the population. Préfectures above 50 000 inhabitants stay out of the zoning.
 *
 * ZIP share: about 31 % of communes and 18 % of the population, i.e. roughly two fifths of the
 * fragile communes. The facts give no ZIP/ZAC split, only that ZIP are the hardest-hit part that
 * opens most aids and ZAC the less affected rest [001:1352-1360], and that 8.6 % of the population
 * lived in an under-dense commune in 2018 [004:238-240], the narrow core the ZIP have since widened
 * from. So ZIP is a minority of the fragile communes, about twice that 2018 population core, with
 * enough of both zones for the ZIP-only versus ZIP-or-ZAC aids to show their difference.
 *
 * History: an older order (2018) covers a subset of today's fragile communes (same ranks, smaller
 * shares), as zonings widened at each revision; the current order applies from 2023.
 */
export interface DemoZoningBand {
  readonly maxPopulation: number;
  readonly fragileShare: number;
  readonly zipShareOfFragile: number;
}

export const DEMO_ZONING_BANDS: readonly DemoZoningBand[] = [
  { maxPopulation: 500, fragileShare: 0.85, zipShareOfFragile: 0.42 },
  { maxPopulation: 2_000, fragileShare: 0.78, zipShareOfFragile: 0.38 },
  { maxPopulation: 10_000, fragileShare: 0.65, zipShareOfFragile: 0.3 },
  { maxPopulation: 50_000, fragileShare: 0.4, zipShareOfFragile: 0.2 },
  { maxPopulation: Number.POSITIVE_INFINITY, fragileShare: 0, zipShareOfFragile: 0 },
];

export interface DemoZoningOrderSpec {
  readonly reference: string;
  readonly effectiveFrom: string;
  /** Multiplies the fragile and ZIP shares: below 1 for an older, narrower order. */
  readonly scale: number;
}

export const DEFAULT_DEMO_ORDERS: readonly DemoZoningOrderSpec[] = [
  { reference: 'Démonstration : zonage médecins 2018 (fictif)', effectiveFrom: '2018-07-01', scale: 0.85 },
  { reference: 'Démonstration : zonage médecins 2023 (fictif)', effectiveFrom: '2023-01-01', scale: 1 },
];

/** Orders of the demo zoning for the communes of one region, oldest first. */
export function generateDemoZoning(communes: readonly Commune[], region: RegionCode, orders: readonly DemoZoningOrderSpec[] = DEFAULT_DEMO_ORDERS): ZoningOrder[] {
  const ranked = rankWithinBands(communes.filter((commune) => commune.region === region));
  return orders.map((order) => ({
    regionCode: region,
    arrete: { reference: order.reference },
    effectiveFrom: order.effectiveFrom,
    assignments: ranked.map(({ commune, band, rank, bandSize }) => ({
      communeCode: commune.insee,
      zone: zoneFor(band, rank, bandSize, order.scale),
    })),
  }));
}

interface RankedCommune {
  readonly commune: Commune;
  readonly band: DemoZoningBand;
  readonly bandSize: number;
  /** 0-based position in the band by hash: the lowest ranks are ZIP, the next ones ZAC. */
  readonly rank: number;
}

function rankWithinBands(communes: readonly Commune[]): RankedCommune[] {
  const byBand = new Map<DemoZoningBand, Commune[]>();
  for (const commune of communes) {
    const band = bandOf(commune.population ?? 0);
    const members = byBand.get(band) ?? [];
    members.push(commune);
    byBand.set(band, members);
  }
  const ranked: RankedCommune[] = [];
  for (const [band, members] of byBand) {
    [...members]
      .sort((a, b) => compareHash(a.insee, b.insee))
      .forEach((commune, rank) => ranked.push({ commune, band, bandSize: members.length, rank }));
  }
  return ranked.sort((a, b) => (a.commune.insee < b.commune.insee ? -1 : 1));
}

function zoneFor(band: DemoZoningBand, rank: number, bandSize: number, scale: number): Zone {
  const fragileCount = Math.round(band.fragileShare * scale * bandSize);
  const zipCount = Math.round(fragileCount * band.zipShareOfFragile * scale);
  if (rank < zipCount) return 'zip';
  return rank < fragileCount ? 'zac' : 'none';
}

function bandOf(population: number): DemoZoningBand {
  return DEMO_ZONING_BANDS.find((band) => population < band.maxPopulation) ?? DEMO_ZONING_BANDS[DEMO_ZONING_BANDS.length - 1]!;
}

function compareHash(a: string, b: string): number {
  const ha = hash32(a);
  const hb = hash32(b);
  return ha - hb || (a < b ? -1 : a > b ? 1 : 0);
}

/** FNV-1a then the murmur3 finaliser: a stable, well-spread 32-bit hash of a string. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

import { useEffect, useState } from 'react';
import { CommuneIndex } from '@guichet/territory/commune-index';
import type { Commune } from '@guichet/territory';
import { communesOfCompact } from './compact-communes.js';
import type { CompactCommuneRow, CompactCommunes, Territories } from './compact-communes.js';

export interface CommuneReference {
  index: CommuneIndex;
  departementName: (code: string) => string;
  regionName: (code: string) => string;
  /** Every département code of the reference, in code order (01 … 2A, 2B … 976). */
  departementCodes: string[];
  departementsOfRegion: (region: string) => string[];
  /** "Tours (37000)" for a known code, the code itself otherwise. */
  label: (insee: string) => string;
}

export function referenceOf(compact: CompactCommunes): CommuneReference {
  const index = new CommuneIndex(communesOfCompact(compact));
  const byRegion = new Map<string, Set<string>>();
  for (const [, , , departement, region] of compact.rows) {
    const set = byRegion.get(region) ?? new Set<string>();
    set.add(departement);
    byRegion.set(region, set);
  }
  return {
    index,
    departementName: (code) => compact.departements[code] ?? code,
    regionName: (code) => compact.regions[code] ?? code,
    departementCodes: Object.keys(compact.departements).sort(),
    departementsOfRegion: (region) => [...(byRegion.get(region) ?? [])].sort(),
    label: (insee) => {
      const commune = index.get(insee);
      return commune ? `${commune.name} (${commune.postalCode})` : insee;
    },
  };
}

/** A territory the pages of an area need: the whole country when undefined. */
export interface CommuneScope {
  regions: readonly string[];
  departements: readonly string[];
}

let scope: CommuneScope | undefined;
let loading: Promise<CommuneReference> | undefined;
/** Once loaded, a page mounted later shows names at its first paint, never the codes first. */
let loaded: CommuneReference | null = null;

/**
 * The dashboard's areas work on a territory: they load its départements' slices (a few dozen
 * kilobytes) instead of the 1.6 MB national list the candidate's search needs.
 */
export function setCommuneScope(next: CommuneScope | undefined): void {
  const key = (value: CommuneScope | undefined) => (value ? `${[...value.regions].sort().join(',')}|${[...value.departements].sort().join(',')}` : '');
  if (key(next) === key(scope)) return;
  scope = next;
  loading = undefined;
  loaded = null;
}

async function json<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function compactOf(wanted: CommuneScope | undefined): Promise<CompactCommunes> {
  if (!wanted || (wanted.regions.length === 0 && wanted.departements.length === 0)) return json<CompactCommunes>('/communes.json');
  const territories = await json<Territories>('/communes/territoires.json');
  const codes = new Set([...wanted.departements, ...wanted.regions.flatMap((region) => territories.departementsOfRegion[region] ?? [])]);
  const slices = await Promise.all([...codes].filter((code) => code in territories.departements).map((code) => json<CompactCommuneRow[]>(`/communes/${code}.json`)));
  return { departements: territories.departements, regions: territories.regions, rows: slices.flat() };
}

/** public/communes.json and public/communes/ are built from @guichet/territory's data/communes.csv by scripts/build-communes.ts. */
export function loadCommunes(): Promise<CommuneReference> {
  if (loading) return loading;
  const wanted = scope;
  const attempt: Promise<CommuneReference> = compactOf(wanted)
    .then((compact) => {
      const reference = referenceOf(compact);
      if (scope === wanted) loaded = reference;
      return reference;
    })
    .catch((error: unknown) => {
      if (loading === attempt) loading = undefined;
      throw error;
    });
  loading = attempt;
  return attempt;
}

export function useCommunes(): CommuneReference | null {
  const [reference, setReference] = useState<CommuneReference | null>(loaded);
  useEffect(() => {
    if (reference) return;
    let live = true;
    loadCommunes().then(
      (loaded) => live && setReference(loaded),
      () => live && setReference(null),
    );
    return () => {
      live = false;
    };
  }, [reference]);
  return reference;
}

export type { Commune };

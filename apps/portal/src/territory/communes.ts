import { useEffect, useState } from 'react';
import { CommuneIndex } from '@guichet/territory/commune-index';
import type { Commune } from '@guichet/territory';
import { communesOfCompact } from './compact-communes.js';
import type { CompactCommunes } from './compact-communes.js';

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

let loading: Promise<CommuneReference> | undefined;
/** Once loaded, a page mounted later shows names at its first paint, never the codes first. */
let loaded: CommuneReference | null = null;

/** public/communes.json is built from @guichet/territory's data/communes.csv by scripts/build-communes.ts. */
export function loadCommunes(): Promise<CommuneReference> {
  loading ??= fetch('/communes.json')
    .then((response) => {
      if (!response.ok) throw new Error(`communes.json: ${response.status}`);
      return response.json() as Promise<CompactCommunes>;
    })
    .then((compact) => (loaded = referenceOf(compact)))
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
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

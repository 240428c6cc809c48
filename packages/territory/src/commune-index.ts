import type { Commune } from './commune.js';

/** Lower-case, accent-free, hyphens and apostrophes as spaces: "Saint-Étienne" ~ "saint etienne". */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** In-memory lookups over the communes reference: by INSEE code, postal code or name. */
export class CommuneIndex {
  private readonly byInsee = new Map<string, Commune>();
  private readonly folded: { key: string; commune: Commune }[];

  constructor(communes: readonly Commune[]) {
    for (const commune of communes) this.byInsee.set(commune.insee, commune);
    this.folded = communes
      .map((commune) => ({ key: foldName(commune.name), commune }))
      .sort((a, b) => (b.commune.population ?? 0) - (a.commune.population ?? 0));
  }

  get size(): number {
    return this.byInsee.size;
  }

  get(insee: string): Commune | undefined {
    return this.byInsee.get(insee);
  }

  all(): IterableIterator<Commune> {
    return this.byInsee.values();
  }

  inRegion(region: string): Commune[] {
    return [...this.byInsee.values()].filter((commune) => commune.region === region);
  }

  /** Postal code prefix or name prefix (then name substring), most populated first. */
  search(query: string, limit = 10): Commune[] {
    const trimmed = query.trim();
    if (/^\d{2,5}$/.test(trimmed)) {
      return this.folded.filter(({ commune }) => commune.postalCode.startsWith(trimmed)).slice(0, limit).map(({ commune }) => commune);
    }
    const key = foldName(trimmed);
    if (key.length < 2) return [];
    const prefix = this.folded.filter((entry) => entry.key.startsWith(key));
    const inner = prefix.length >= limit ? [] : this.folded.filter((entry) => !entry.key.startsWith(key) && entry.key.includes(key));
    return [...prefix, ...inner].slice(0, limit).map(({ commune }) => commune);
  }
}

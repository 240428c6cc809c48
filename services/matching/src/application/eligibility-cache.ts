import type { EligibilityResult } from '@guichet/contracts';
import type { ReferenceSnapshot } from './reference-data.js';

/** Least-recently-used entries out first (a Map iterates in insertion order). */
class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Eligibility results by everything they depend on — profile, previous aids, commune, date,
 * hints or not — for one snapshot of the catalogue and zoning (a new snapshot starts empty).
 * Candidates share few distinct profiles, so most places of a request were already evaluated
 * for someone like them. Results with hints (for the bundles shown) weigh ~100 kB each and are
 * kept in smaller number than those used for scoring.
 */
export class EligibilityCache {
  private snapshot: ReferenceSnapshot | undefined;
  private readonly scoring: Lru<{ result: EligibilityResult | null }>;
  private readonly shown: Lru<{ result: EligibilityResult | null }>;

  constructor(maxEntries = 50_000, maxWithHints = 300) {
    this.scoring = new Lru(maxEntries);
    this.shown = new Lru(maxWithHints);
  }

  get(snapshot: ReferenceSnapshot, key: string, withHints: boolean, compute: () => EligibilityResult | null): EligibilityResult | null {
    if (snapshot !== this.snapshot) {
      this.snapshot = snapshot;
      this.scoring.clear();
      this.shown.clear();
    }
    const lru = withHints ? this.shown : this.scoring;
    const found = lru.get(key);
    if (found) return found.result;
    const result = compute();
    lru.set(key, { result });
    return result;
  }
}

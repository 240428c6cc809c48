import type { EligibilityResult } from '@guichet/contracts';
import type { PlaceAids } from '../domain/index.js';
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
 * Eligibility for the matching, for one snapshot of the catalogue and zoning (a new snapshot
 * starts empty). Two kinds of entries:
 * - the aids a place opens, used to score bundles, by everything the verdicts read — the profile,
 *   previous aids and dates, and the facts of the place (`placeFactsKey`): candidates share few
 *   distinct profiles and communes few distinct facts, so most places of a request were already
 *   scored for someone like them, even in a commune never seen before;
 * - full results with hints, for the bundles shown, by commune: they weigh ~100 kB each and are
 *   kept in smaller number.
 */
export class EligibilityCache {
  private snapshot: ReferenceSnapshot | undefined;
  private readonly scoring: Lru<{ aids: PlaceAids | null }>;
  private readonly shown: Lru<{ result: EligibilityResult | null }>;

  constructor(maxEntries = 50_000, maxWithHints = 300) {
    this.scoring = new Lru(maxEntries);
    this.shown = new Lru(maxWithHints);
  }

  placeAids(snapshot: ReferenceSnapshot, key: string, compute: () => PlaceAids | null): PlaceAids | null {
    this.follow(snapshot);
    const found = this.scoring.get(key);
    if (found) return found.aids;
    const aids = compute();
    this.scoring.set(key, { aids });
    return aids;
  }

  result(snapshot: ReferenceSnapshot, key: string, compute: () => EligibilityResult | null): EligibilityResult | null {
    this.follow(snapshot);
    const found = this.shown.get(key);
    if (found) return found.result;
    const result = compute();
    this.shown.set(key, { result });
    return result;
  }

  private follow(snapshot: ReferenceSnapshot): void {
    if (snapshot === this.snapshot) return;
    this.snapshot = snapshot;
    this.scoring.clear();
    this.shown.clear();
  }
}

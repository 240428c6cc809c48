import type { AidScheme } from '@guichet/contracts';
import type { AidSchemeStore, ZoningStore } from './ports.js';
import { timelineOfImports } from './zoning-orders.js';
import { emptyZoningTimeline, type ZoningTimeline } from '../domain/index.js';

export interface ReferenceSnapshot {
  /** Latest version of every scheme, in id order (verdicts follow this order). */
  readonly catalogue: readonly AidScheme[];
  readonly zoning: ZoningTimeline;
}

/**
 * Aid catalogue and zoning held in memory for eligibility (a simulation must answer in
 * milliseconds), reloaded from the database after each change, whichever instance made it.
 */
export class ReferenceData {
  private current: ReferenceSnapshot = { catalogue: [], zoning: emptyZoningTimeline() };

  constructor(
    private readonly aidSchemes: AidSchemeStore,
    private readonly zoning: ZoningStore,
  ) {}

  snapshot(): ReferenceSnapshot {
    return this.current;
  }

  /** Takes a scheme version announced by an event, unless the catalogue already has it or a later one. */
  applyScheme(scheme: AidScheme): void {
    const current = this.current.catalogue.find((s) => s.id === scheme.id);
    if (current && current.version >= scheme.version) return;
    const catalogue = [...this.current.catalogue.filter((s) => s.id !== scheme.id), scheme].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.current = { ...this.current, catalogue };
  }

  async reloadZoning(): Promise<ReferenceSnapshot> {
    const zoning = timelineOfImports(await this.zoning.all());
    // Read after the await: a scheme applied meanwhile must not be lost.
    this.current = { ...this.current, zoning };
    return this.current;
  }

  async reload(): Promise<ReferenceSnapshot> {
    const [schemes, imports] = await Promise.all([this.aidSchemes.current(), this.zoning.all()]);
    const catalogue = [...schemes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.current = { catalogue, zoning: timelineOfImports(imports) };
    return this.current;
  }
}

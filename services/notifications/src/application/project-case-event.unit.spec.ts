import { describe, expect, it } from '@jest/globals';
import type { CaseAccesses } from '@guichet/contracts';
import type { OutboxEntry } from '@guichet/platform';
import { newCaseIds, proposalsComputed, requestSubmitted, statusChanged } from '../../test/fixtures.js';
import type { CaseProjection } from '../domain/case-projection.js';
import { projectCaseEvent, type ProjectCaseDeps } from './project-case-event.js';
import type { CaseStore, SaveOutcome, StoredCase } from './ports.js';

/** Case revisions in memory, with the store's rule: one write only follows each revision. */
class MemoryCases implements CaseStore {
  readonly docs = new Map<string, StoredCase>();
  /** The events of each write made, in order, as the store hands them to the outbox. */
  readonly written: OutboxEntry[][] = [];
  /** Run once just before the next save, as another instance writing the same case would. */
  beforeNextSave: (() => Promise<void>) | undefined;

  async load(requestId: string): Promise<StoredCase | undefined> {
    const doc = this.docs.get(requestId);
    return doc && structuredClone(doc);
  }

  /** What `recall` gives: the case as this process saw it, possibly behind another instance's writes. */
  readonly remembered = new Map<string, StoredCase>();

  recall(requestId: string): StoredCase | undefined {
    const remembered = this.remembered.get(requestId);
    return remembered && structuredClone(remembered);
  }

  async save(requestId: string, before: StoredCase | undefined, eventId: string, state: CaseProjection, entries: readonly OutboxEntry[]): Promise<SaveOutcome> {
    const concurrent = this.beforeNextSave;
    this.beforeNextSave = undefined;
    await concurrent?.();
    if ((this.docs.get(requestId)?.revision ?? 0) !== (before?.revision ?? 0)) return 'conflict';
    this.docs.set(requestId, { state, revision: (before?.revision ?? 0) + 1, processedEventIds: [...(before?.processedEventIds ?? []), eventId] });
    this.written.push([...entries]);
    return 'applied';
  }
}

function setup() {
  const cases = new MemoryCases();
  const deps: ProjectCaseDeps = {
    cases,
    catalogue: { recordOffer: async () => undefined, recordZoning: async () => undefined, context: async () => ({ zoneOf: () => undefined, offer: () => undefined }) },
  };
  return { cases, deps };
}

const ids = (writes: readonly OutboxEntry[][]) => writes.flat().map((e) => e.id);

describe('projection of a case event', () => {
  it('writes the disclosures on the partners’ streams with the events, in one record of the case: one access per event and stream', async () => {
    const { cases, deps } = setup();
    const one = newCaseIds();
    await projectCaseEvent(deps, { id: 'e1', event: requestSubmitted(one) });
    const [write = []] = cases.written;
    const records = write.filter((e) => e.type === 'fr.sante.guichet.audit.case-accesses.v1');
    const families = new Set(write.filter((e) => e.type.startsWith('fr.sante.guichet.stakeholder.')).map((e) => e.type.split('.')[4]));
    expect(records).toHaveLength(1);
    const [record] = records as Array<OutboxEntry & { data: CaseAccesses }>;
    expect(record?.key).toBe(one.requestId);
    const accesses = record?.data.accesses ?? [];
    expect(accesses.length).toBeGreaterThanOrEqual(families.size);
    expect(families.size).toBeGreaterThan(1);
    expect(new Set(accesses.map((a) => a.id)).size).toBe(accesses.length);
    for (const access of accesses) expect(access).toMatchObject({ actorKind: 'partner', action: 'disclosure', channel: 'kafka', what: 'Dépôt de votre demande' });
  });

  it('writes the stakeholder events with the case once, and nothing again for a redelivered input', async () => {
    const { cases, deps } = setup();
    const ids1 = newCaseIds();
    expect(await projectCaseEvent(deps, { id: 'e1', event: requestSubmitted(ids1) })).toBe('applied');
    const first = ids(cases.written);
    expect(first.length).toBeGreaterThan(0);
    expect(await projectCaseEvent(deps, { id: 'e1', event: requestSubmitted(ids1) })).toBe('duplicate');
    expect(ids(cases.written)).toEqual(first);
  });

  it('decides again on the state another writer of the case left, so each event of the case is written once', async () => {
    const { cases, deps } = setup();
    const one = newCaseIds();
    // Another instance projects the submission between this one's read and its write.
    cases.beforeNextSave = async () => {
      expect(await projectCaseEvent(deps, { id: 'a1', event: requestSubmitted(one) })).toBe('applied');
    };
    expect(await projectCaseEvent(deps, { id: 'a2', event: statusChanged(one, 'submitted', 'under_review') })).toBe('applied');
    expect(await projectCaseEvent(deps, { id: 'a1', event: requestSubmitted(one) })).toBe('duplicate');

    expect(cases.written).toHaveLength(2);
    const published = ids(cases.written);
    expect(new Set(published).size).toBe(published.length);
    expect((await cases.load(one.requestId))?.processedEventIds).toEqual(['a1', 'a2']);
    expect(cases.written[1]?.length).toBeGreaterThan(0);
  });

  it('decides on the case as this process remembers it, and again on the stored case when another write came since', async () => {
    const { cases, deps } = setup();
    const one = newCaseIds();
    expect(await projectCaseEvent(deps, { id: 'b1', event: requestSubmitted(one) })).toBe('applied');
    const behind = (await cases.load(one.requestId)) as StoredCase;
    expect(await projectCaseEvent(deps, { id: 'b2', event: statusChanged(one, 'submitted', 'under_review') })).toBe('applied');
    cases.remembered.set(one.requestId, behind);

    expect(await projectCaseEvent(deps, { id: 'b2', event: statusChanged(one, 'submitted', 'under_review') })).toBe('duplicate');
    expect(await projectCaseEvent(deps, { id: 'b3', event: statusChanged(one, 'under_review', 'proposals_ready') })).toBe('applied');
    expect(cases.written).toHaveLength(3);
    const latest = await cases.load(one.requestId);
    expect(latest?.processedEventIds).toEqual(['b1', 'b2', 'b3']);
    expect(latest?.state.status).toBe('proposals_ready');
  });

  it('projects a submission read after matching’s answer on the case that answer left, though it takes a submission for a new case', async () => {
    const { cases, deps } = setup();
    const one = newCaseIds();
    expect(await projectCaseEvent(deps, { id: 'c1', event: proposalsComputed(one) })).toBe('applied');
    expect(await projectCaseEvent(deps, { id: 'c2', event: requestSubmitted(one) })).toBe('applied');
    expect(await projectCaseEvent(deps, { id: 'c2', event: requestSubmitted(one) })).toBe('duplicate');
    const latest = await cases.load(one.requestId);
    expect(latest?.processedEventIds).toEqual(['c1', 'c2']);
    expect(latest?.state.deferred).toEqual([]);
    expect(latest?.state.bundles.length).toBeGreaterThan(0);
  });
});

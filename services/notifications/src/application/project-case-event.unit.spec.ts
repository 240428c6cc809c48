import { describe, expect, it } from '@jest/globals';
import { createLogger, DocumentLocks, type OutboxEntry } from '@guichet/platform';
import { newCaseIds, requestSubmitted, statusChanged } from '../../test/fixtures.js';
import type { CaseProjection } from '../domain/case-projection.js';
import { projectCaseEvent, type ProjectCaseDeps } from './project-case-event.js';
import { sweepOutboxes } from './publish-case-events.js';
import type { CaseStore, SaveOutcome, StoredCase } from './ports.js';

/** Case documents in memory, with the same single-document semantics as the MongoDB adapter. */
class MemoryCases implements CaseStore {
  readonly docs = new Map<string, StoredCase>();

  async load(requestId: string): Promise<StoredCase | undefined> {
    const doc = this.docs.get(requestId);
    return doc && structuredClone(doc);
  }

  async save(requestId: string, before: StoredCase | undefined, eventId: string, state: CaseProjection, entries: readonly OutboxEntry[]): Promise<SaveOutcome> {
    const current = this.docs.get(requestId);
    if (current?.version !== before?.version) return 'conflict';
    this.docs.set(requestId, {
      state,
      version: (before?.version ?? 0) + 1,
      processedEventIds: [...(before?.processedEventIds ?? []), eventId],
      queued: [...(current?.queued ?? []), ...entries],
    });
    return 'applied';
  }

  async clearOutbox(requestId: string): Promise<void> {
    const doc = this.docs.get(requestId);
    if (doc) doc.queued = [];
  }

  async withQueuedEvents(): Promise<string[]> {
    return [...this.docs].filter(([, doc]) => doc.queued.length > 0).map(([id]) => id);
  }
}

/** A broker that can be down. */
class Broker {
  readonly published: OutboxEntry[] = [];
  down = false;

  async publish(entries: readonly OutboxEntry[]): Promise<void> {
    if (this.down) throw new Error('courtier injoignable');
    this.published.push(...entries);
  }
}

function setup() {
  const cases = new MemoryCases();
  const publisher = new Broker();
  const deps: ProjectCaseDeps = {
    cases,
    publisher,
    lock: new DocumentLocks(),
    logger: createLogger({ service: 'notifications-test', level: 'silent' }),
    catalogue: { recordOffer: async () => undefined, recordZoning: async () => undefined, context: async () => ({ zoneOf: () => undefined, offer: () => undefined }) },
  };
  return { cases, publisher, deps };
}

const ids = (entries: readonly OutboxEntry[]) => entries.map((e) => e.id);

describe('projection of a case event', () => {
  it('publishes the stakeholder events as soon as they are saved, and nothing again for a redelivered input', async () => {
    const { cases, publisher, deps } = setup();
    const ids1 = newCaseIds();
    expect(await projectCaseEvent(deps, { id: 'e1', event: requestSubmitted(ids1) })).toBe('applied');
    const first = ids(publisher.published);
    expect(first.length).toBeGreaterThan(0);
    expect(await projectCaseEvent(deps, { id: 'e1', event: requestSubmitted(ids1) })).toBe('duplicate');
    expect(ids(publisher.published)).toEqual(first);
    expect(await cases.withQueuedEvents()).toEqual([]);
  });

  it('keeps what the broker refused in the case outbox, publishes it before the next events of the case, and the sweep publishes the rest once', async () => {
    const { cases, publisher, deps } = setup();
    const [one, two] = [newCaseIds(), newCaseIds()];
    publisher.down = true;
    expect(await projectCaseEvent(deps, { id: 'a1', event: requestSubmitted(one) })).toBe('applied');
    expect(await projectCaseEvent(deps, { id: 'b1', event: requestSubmitted(two) })).toBe('applied');
    const refused = { one: ids((await cases.load(one.requestId))?.queued ?? []), two: ids((await cases.load(two.requestId))?.queued ?? []) };
    expect(refused.one.length).toBeGreaterThan(0);

    publisher.down = false;
    expect(await projectCaseEvent(deps, { id: 'a2', event: statusChanged(one, 'submitted', 'under_review') })).toBe('applied');
    expect(ids(publisher.published).slice(0, refused.one.length)).toEqual(refused.one);

    expect(await sweepOutboxes(deps)).toBe(refused.two.length);
    expect(await sweepOutboxes(deps)).toBe(0);
    const published = ids(publisher.published);
    expect(published.filter((id) => refused.two.includes(id))).toEqual(refused.two);
    expect(new Set(published).size).toBe(published.length);
  });
});

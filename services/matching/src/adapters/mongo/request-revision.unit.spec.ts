import type { Territory } from '@guichet/contracts';
import { describe, expect, it } from '@jest/globals';
import type { RequestDocument } from './collections.js';
import { emptyRequest, guardHolds, hasProcessed, isWritten, revise } from './request-revision.js';

const territory: Territory = { regions: ['24'], departements: ['37'] };
const open = (overrides: Partial<RequestDocument> = {}): RequestDocument => ({ _id: 'r-1', revision: 3, version: 2, status: 'open', territory, excludedOfferIds: [], recomputations: 1, processedEventIds: ['e-1'], ...overrides });

describe('a request revised by a change', () => {
  it('sets and unsets fields, counts a recomputation and remembers the event', () => {
    const next = revise(open({ proposalSetId: 'p-1', reach: { minLat: 0, maxLat: 1, minLng: 0, maxLng: 1, departements: [], communes: [], offerIds: [] } }), { set: { proposalSetId: 'p-2' }, unset: ['reach'], recomputed: true }, 'e-2');
    expect(next).toMatchObject({ proposalSetId: 'p-2', recomputations: 2, processedEventIds: ['e-1', 'e-2'], revision: 3 });
    expect(next).not.toHaveProperty('reach');
    expect(hasProcessed(next, 'e-2')).toBe(true);
  });

  it('leaves out what the change leaves undefined, and keeps only the latest event ids', () => {
    const next = revise(open(), { set: { submittedAt: undefined, status: 'closed' } }, 'e-3', 2);
    expect(next).not.toHaveProperty('submittedAt');
    expect(next.processedEventIds).toEqual(['e-1', 'e-3']);
    expect(revise(next, {}, 'e-4', 2).processedEventIds).toEqual(['e-3', 'e-4']);
  });

  it('creates a request from the empty revision, with no excluded offers', () => {
    const empty = emptyRequest('r-9');
    expect(isWritten(empty)).toBe(false);
    const created = revise(empty, { set: { version: 1, status: 'open', territory } }, 'e-1');
    expect(created).toMatchObject({ _id: 'r-9', revision: 0, version: 1, excludedOfferIds: [], recomputations: 0 });
    expect(isWritten({ ...created, revision: 1 })).toBe(true);
  });

  it('counts a request stored before revisions as written', () => {
    const { revision: _revision, ...legacy } = open();
    expect(isWritten(legacy as RequestDocument)).toBe(true);
  });
});

describe('a guard on a request', () => {
  it('holds on its version, an older version or its status', () => {
    expect(guardHolds(open(), undefined)).toBe(true);
    expect(guardHolds(open(), { version: 2, status: 'open' })).toBe(true);
    expect(guardHolds(open(), { version: 1 })).toBe(false);
    expect(guardHolds(open(), { olderThan: 3 })).toBe(true);
    expect(guardHolds(open(), { olderThan: 2 })).toBe(false);
    expect(guardHolds(open(), { status: 'reserved' })).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { RecentDocuments } from './recent-documents.js';

function recent(maxDocuments = 10, ttlMs = 1_000) {
  let now = 0;
  const documents = new RecentDocuments<{ revision?: number; name?: string }>({ maxDocuments, ttlMs, now: () => now });
  return { documents, advance: (ms: number) => void (now += ms) };
}

describe('documents kept to decide the next write', () => {
  it('keeps the latest revision it was given, never an earlier one over it', () => {
    const { documents } = recent();
    documents.keep('a', { revision: 2 });
    documents.keep('a', { revision: 1 });
    expect(documents.get('a')).toEqual({ revision: 2 });
    documents.keep('a', { revision: 3 });
    expect(documents.get('a')).toEqual({ revision: 3 });
  });

  it('forgets a document past its time from the read or write that kept it', () => {
    const { documents, advance } = recent(10, 1_000);
    documents.keep('a', { revision: 1, name: 'Alice' });
    advance(999);
    expect(documents.get('a')).toBeDefined();
    advance(1);
    expect(documents.get('a')).toBeUndefined();
  });

  it('keeps at most its size, the oldest kept going first, and drops on demand', () => {
    const { documents } = recent(2);
    documents.keep('a', { revision: 1 });
    documents.keep('b', { revision: 1 });
    documents.keep('c', { revision: 1 });
    expect([documents.get('a'), documents.get('b'), documents.get('c')]).toEqual([undefined, { revision: 1 }, { revision: 1 }]);
    documents.drop('b');
    expect(documents.get('b')).toBeUndefined();
  });
});

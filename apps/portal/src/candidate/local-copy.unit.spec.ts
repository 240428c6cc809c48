import { describe, expect, it } from '@jest/globals';
import type { InstallationRequest } from '@guichet/contracts';
import { clearLocalCopy, localCopyKey, mergePrefill, readLocalCopy, resumeDraft, writeLocalCopy } from './local-copy.js';
import type { KeyValueStore, LocalCopy } from './local-copy.js';

function memoryStore(): KeyValueStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

const server: InstallationRequest = {
  id: 'r-1',
  candidateId: 'u-1',
  status: 'draft',
  version: 4,
  createdAt: '2026-11-02T09:00:00Z',
  updatedAt: '2026-11-02T09:00:00Z',
  data: { specialty: 'cardiologie' },
};
const copy = (overrides: Partial<LocalCopy>): LocalCopy => ({
  requestId: 'r-1',
  baseVersion: 4,
  data: { specialty: 'pediatrie' },
  confirmed: false,
  changedAt: '2026-11-02T10:00:00Z',
  ...overrides,
});

describe('local copy of a draft', () => {
  it('brings back changes the server never confirmed', () => {
    expect(resumeDraft(server, copy({}))).toEqual({ data: { specialty: 'pediatrie' }, restored: true });
  });

  it('takes the server’s data when the local copy was confirmed or belongs to another request', () => {
    expect(resumeDraft(server, copy({ confirmed: true }))).toEqual({ data: { specialty: 'cardiologie' }, restored: false });
    expect(resumeDraft(server, copy({ requestId: 'r-2' }))).toEqual({ data: { specialty: 'cardiologie' }, restored: false });
    expect(resumeDraft(server, null).restored).toBe(false);
  });

  it('is stored per person and survives a round trip; a damaged entry is ignored', () => {
    const store = memoryStore();
    expect(writeLocalCopy(store, 'u-1', copy({}))).toBe(true);
    expect(readLocalCopy(store, 'u-1')).toEqual(copy({}));
    expect(readLocalCopy(store, 'u-2')).toBeNull();
    store.setItem(localCopyKey('u-1'), '{pas du json');
    expect(readLocalCopy(store, 'u-1')).toBeNull();
    clearLocalCopy(store, 'u-1');
    expect(store.items.size).toBe(0);
  });

  it('reports a browser that refuses to store', () => {
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(writeLocalCopy(full, 'u-1', copy({}))).toBe(false);
  });
});

describe('pre-filling a draft from a simulation', () => {
  const prefill = {
    status: 'junior-doctor' as const,
    specialty: 'medecine-generale' as const,
    practice: { sector: '1' as const },
    targets: { communes: ['37072'] },
  };

  it('fills what is empty', () => {
    expect(mergePrefill({}, prefill)).toEqual(prefill);
  });

  it('never overwrites what the person typed', () => {
    const typed = { specialty: 'pediatrie' as const, practice: { mode: 'msp' as const }, targets: { communes: ['37261'] } };
    expect(mergePrefill(typed, prefill)).toEqual({
      status: 'junior-doctor',
      specialty: 'pediatrie',
      practice: { mode: 'msp', sector: '1' },
      targets: { communes: ['37261'] },
    });
  });
});

import type { InstallationRequest, InstallationRequestDraft } from '@guichet/contracts';

/** What the browser keeps of a draft until the server has confirmed it. */
export interface LocalCopy {
  requestId: string;
  /** Server version the local data was typed over. */
  baseVersion: number;
  data: InstallationRequestDraft;
  /** True once the server has stored exactly this data. */
  confirmed: boolean;
  changedAt: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const localCopyKey = (userId: string): string => `guichet.brouillon.${userId}`;

function isLocalCopy(value: unknown): value is LocalCopy {
  if (typeof value !== 'object' || value === null) return false;
  const copy = value as Record<string, unknown>;
  return (
    typeof copy.requestId === 'string' &&
    typeof copy.baseVersion === 'number' &&
    typeof copy.data === 'object' &&
    copy.data !== null &&
    typeof copy.confirmed === 'boolean' &&
    typeof copy.changedAt === 'string'
  );
}

export function readLocalCopy(store: KeyValueStore, userId: string): LocalCopy | null {
  const text = store.getItem(localCopyKey(userId));
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isLocalCopy(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** False when the browser refused to store it (private mode, quota): the page must say so. */
export function writeLocalCopy(store: KeyValueStore, userId: string, copy: LocalCopy): boolean {
  try {
    store.setItem(localCopyKey(userId), JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalCopy(store: KeyValueStore, userId: string): void {
  store.removeItem(localCopyKey(userId));
}

export interface Resumed {
  data: InstallationRequestDraft;
  /** The local copy held changes the server never confirmed: they win, and are saved again. */
  restored: boolean;
}

export function resumeDraft(server: InstallationRequest, local: LocalCopy | null): Resumed {
  if (local && local.requestId === server.id && !local.confirmed) return { data: local.data, restored: true };
  return { data: server.data, restored: false };
}

/** Fills what the person has not typed yet from a simulation, never overwriting a typed value. */
export function mergePrefill(data: InstallationRequestDraft, prefill: InstallationRequestDraft): InstallationRequestDraft {
  const merged: InstallationRequestDraft = { ...data };
  if (merged.status === undefined && prefill.status !== undefined) merged.status = prefill.status;
  if (merged.specialty === undefined && prefill.specialty !== undefined) merged.specialty = prefill.specialty;
  if (prefill.practice?.sector !== undefined && merged.practice?.sector === undefined) {
    merged.practice = { ...merged.practice, sector: prefill.practice.sector };
  }
  if (prefill.targets?.communes?.length && !merged.targets?.communes?.length) {
    merged.targets = { ...merged.targets, communes: [...prefill.targets.communes] };
  }
  return merged;
}

/**
 * Where typing waits for the server: this page's memory, never the browser's storage, so identity
 * and spouse data do not outlive the tab. It survives moving between pages of the portal.
 */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

export const unsavedTyping: KeyValueStore = memoryStore();

/** Drafts an earlier version of the portal kept in localStorage: personal data, dropped at start. */
export function dropStoredCopies(store: Storage): void {
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter((key): key is string => key?.startsWith('guichet.brouillon.') ?? false);
  for (const key of keys) store.removeItem(key);
}

/** The server's code for "a unique index already holds this key". */
export const DUPLICATE_KEY = 11000;

/**
 * True when a write was refused only because keys were taken: a single insert's error, or a
 * batch whose every per-document error is a duplicate key. A batch that failed as a whole (server
 * unreachable) is not one: nothing is known to be written.
 */
export function isDuplicateKey(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  const listed: unknown[] = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined || writeErrors === null ? [] : [writeErrors];
  if (listed.length > 0) return listed.every((item) => (item as { code?: unknown } | null)?.code === DUPLICATE_KEY);
  return code === DUPLICATE_KEY;
}

/** Inserts that may have been made already (a write repeated after a crash, a redelivery): the copies stored are kept. */
export async function insertOnce<T>(insert: (docs: T[]) => Promise<unknown>, docs: T[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await insert(docs);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

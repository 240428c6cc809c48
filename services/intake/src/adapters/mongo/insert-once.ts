const DUPLICATE_KEY = 11000;

function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown })?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined ? [] : [writeErrors];
  return (error as { code?: unknown })?.code === DUPLICATE_KEY && list.every((item) => (item as { code?: unknown }).code === DUPLICATE_KEY);
}

/** Inserts that may have been made already (a write repeated after a crash or a redelivery): the copies there are kept. */
export async function insertOnce<T extends { _id: string }>(insert: (docs: T[]) => Promise<unknown>, docs: T[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await insert(docs);
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}

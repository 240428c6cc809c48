export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Leaf values by dotted path; arrays are leaves (a list of communes changes as a whole). */
function leaves(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) leaves(item, prefix === '' ? key : `${prefix}.${key}`, into);
    }
  } else if (prefix !== '') into.set(prefix, value);
  return into;
}

/** Fields whose value differs between two documents, in a stable order. */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const old = leaves(before, '', new Map());
  const next = leaves(after, '', new Map());
  const fields = [...new Set([...old.keys(), ...next.keys()])].sort();
  return fields
    .filter((field) => JSON.stringify(old.get(field)) !== JSON.stringify(next.get(field)))
    .map((field) => ({ field, before: old.get(field), after: next.get(field) }));
}

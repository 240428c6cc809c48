import type { FieldError } from '@guichet/contracts';

/** A dotted path with bracketed indices, as in the contracts' field errors: `targets.communes[0]`. */
export type FieldPath = string;

function segments(path: FieldPath): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match?.[1]) throw new Error(`invalid field path: ${path}`);
    out.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

export function getAt(root: unknown, path: FieldPath): unknown {
  let node: unknown = root;
  for (const key of segments(path)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function setIn(node: unknown, keys: (string | number)[], value: unknown): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return value;
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(node)
    ? [...(node as unknown[])]
    : typeof node === 'object' && node !== null
      ? { ...(node as Record<string, unknown>) }
      : typeof key === 'number'
        ? []
        : {};
  const child = setIn((container as Record<string | number, unknown>)[key], rest, value);
  if (child === undefined && !Array.isArray(container)) {
    delete (container as Record<string | number, unknown>)[key];
  } else {
    (container as Record<string | number, unknown>)[key] = child;
  }
  return container;
}

/**
 * Returns a copy of `root` with `value` at `path` (copy on write). `undefined` removes the key:
 * an emptied field is absent from the draft, as the schemas expect, never an empty string.
 */
export function setAt<T>(root: T, path: FieldPath, value: unknown): T {
  return setIn(root, segments(path), value) as T;
}

export type ErrorMap = Readonly<Record<FieldPath, string>>;

/** One message per field; the first one wins when a field fails several ways. */
export function errorMap(errors: readonly FieldError[]): ErrorMap {
  const map: Record<FieldPath, string> = {};
  for (const error of errors) map[error.field] ??= error.detail;
  return map;
}

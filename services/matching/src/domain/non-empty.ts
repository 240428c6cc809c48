export type NonEmpty<T> = [T, ...T[]];

/** Narrows a list the contracts require to be non-empty; an empty one is a programming error. */
export function nonEmpty<T>(items: readonly T[], what: string): NonEmpty<T> {
  if (items.length === 0) throw new Error(`${what}: expected at least one item`);
  return [...items] as NonEmpty<T>;
}

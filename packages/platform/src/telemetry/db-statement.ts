/** Containers opened below the command itself: enough for `updates[0].q.<field>` and operators in a filter. */
const MAX_DEPTH = 4;
/** Keys and elements written in all: an inserted document's shape, not its whole tree. */
const MAX_NODES = 64;

type Shape = string | Shape[] | { [key: string]: Shape };

const isLeaf = (value: object): boolean =>
  value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || '_bsontype' in value;

/**
 * A MongoDB command as a trace shows it: its keys and the fields it filters or writes, every value
 * replaced by `?` (no personal data in a trace). Unlike the instrumentation's default, which walks
 * and serializes the whole command (a proposals document is ~100 KB), it stops at a few levels and
 * a few dozen keys, and shows an array by its first element.
 */
export function dbStatementShape(command: unknown): string {
  let budget = MAX_NODES;
  const shape = (value: unknown, depth: number): Shape => {
    if (typeof value !== 'object' || value === null || isLeaf(value)) return '?';
    if (depth === 0) return '…';
    if (Array.isArray(value)) return value.length === 0 ? [] : budget-- > 0 ? [shape(value[0], depth - 1)] : ['…'];
    const out: Record<string, Shape> = {};
    for (const key of Object.keys(value)) {
      if (budget-- <= 0) {
        out['…'] = '…';
        break;
      }
      out[key] = shape((value as Record<string, unknown>)[key], depth - 1);
    }
    return out;
  };
  return JSON.stringify(shape(command, MAX_DEPTH + 1));
}

/** Opaque cursor: the sort key of the last item returned (time, then id), in base64url. */
export const encodeCursor = (at: Date, id: string): string => Buffer.from(JSON.stringify([at.getTime(), id])).toString('base64url');

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof time === 'number' && typeof id === 'string') return { at: new Date(time), id };
  } catch {
    return undefined;
  }
  return undefined;
}

/** Items after the cursor in (field, _id) order. */
export function afterCursor(field: string, cursor: string | undefined): Record<string, unknown> {
  const position = decodeCursor(cursor);
  if (!position) return {};
  return { $or: [{ [field]: { $gt: position.at } }, { [field]: position.at, _id: { $gt: position.id } }] };
}
